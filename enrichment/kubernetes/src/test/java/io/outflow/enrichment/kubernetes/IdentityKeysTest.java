package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityKeysTest {

    private static IdentityChange change(String cluster, ObjectKind kind, String namespace, String name, String uid) {
        return IdentityChange.newBuilder()
                .setCluster(cluster)
                .setChangeType(ChangeType.MODIFIED)
                .setObjectKind(kind)
                .setNamespace(namespace)
                .setName(name)
                .setUid(uid)
                .build();
    }

    @Test
    void podsReplicaSetsAndJobsAreKeyedByClusterKindAndUid() {
        assertThat(IdentityKeys.keyOf(change("prod-weu", ObjectKind.POD, "shop", "cart-7d9f-x2", "6f1c")))
                .isEqualTo("prod-weu/pod/6f1c");
        assertThat(IdentityKeys.keyOf(change("prod-weu", ObjectKind.REPLICA_SET, "shop", "cart-7d9f", "aa01")))
                .isEqualTo("prod-weu/replicaset/aa01");
        assertThat(IdentityKeys.keyOf(change("prod-weu", ObjectKind.JOB, "batch", "report-28300", "bb02")))
                .isEqualTo("prod-weu/job/bb02");
    }

    @Test
    void nodesAreKeyedByNameSoThatARecreatedNodeKeepsItsKey() {
        IdentityChange first = change("prod-weu", ObjectKind.NODE, null, "aks-pool1-12345-vmss000002", "u1");
        IdentityChange recreated = change("prod-weu", ObjectKind.NODE, null, "aks-pool1-12345-vmss000002", "u2");
        assertThat(IdentityKeys.keyOf(first))
                .isEqualTo("prod-weu/node/aks-pool1-12345-vmss000002")
                .isEqualTo(IdentityKeys.keyOf(recreated));
    }

    @Test
    void theSameNameInAnotherClusterIsAnotherKey() {
        assertThat(IdentityKeys.keyOf(change("a", ObjectKind.POD, "ns", "p", "same-uid")))
                .isNotEqualTo(IdentityKeys.keyOf(change("b", ObjectKind.POD, "ns", "p", "same-uid")));
    }

    @Test
    void aPodRecreatedUnderTheSameNameGetsANewKey() {
        assertThat(IdentityKeys.keyOf(change("a", ObjectKind.POD, "ns", "db-0", "uid-1")))
                .isNotEqualTo(IdentityKeys.keyOf(change("a", ObjectKind.POD, "ns", "db-0", "uid-2")));
    }

    @Test
    void keyBytesAreTheUtf8OfTheKey() {
        IdentityChange pod = change("zürich", ObjectKind.POD, "ns", "p", "u");
        assertThat(IdentityKeys.keyBytesOf(pod)).isEqualTo("zürich/pod/u".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPodWithoutUidHasNoKey() {
        assertThatThrownBy(() -> IdentityKeys.keyOf(change("a", ObjectKind.POD, "ns", "p", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a uid");
    }

    @Test
    void otherKindsAreNotStored() {
        assertThatThrownBy(() -> IdentityKeys.keyOf(change("a", ObjectKind.OTHER, "ns", "svc", "u")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

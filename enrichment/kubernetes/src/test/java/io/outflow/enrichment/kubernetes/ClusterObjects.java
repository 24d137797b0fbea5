package io.outflow.enrichment.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Objects of a small fictional cluster, created through the client the way controllers would create them: the API
 * server (the mock, in CRUD mode) assigns uids and resourceVersions, owners are referenced by their real uids.
 */
final class ClusterObjects {
    private final KubernetesClient client;

    ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    Deployment deployment(String namespace, String name) {
        return client.apps().deployments().resource(new DeploymentBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("registry.example/" + name + ":1")
                .endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    ReplicaSet replicaSet(Deployment owner, String templateHash) {
        String name = owner.getMetadata().getName() + "-" + templateHash;
        return client.apps().replicaSets().resource(new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(owner.getMetadata().getNamespace()).withName(name)
                .addToLabels("app", owner.getMetadata().getName()).addToLabels("pod-template-hash", templateHash)
                .withOwnerReferences(controllerRef(owner)).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("pod-template-hash", templateHash).endSelector()
                .endSpec().build()).create();
    }

    CronJob cronJob(String namespace, String name) {
        return client.batch().v1().cronjobs().resource(new CronJobBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withSchedule("*/15 * * * *")
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("registry.example/" + name + ":1").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate()
                .endSpec().build()).create();
    }

    Job job(CronJob owner, String suffix) {
        return client.batch().v1().jobs().resource(new JobBuilder()
                .withNewMetadata().withNamespace(owner.getMetadata().getNamespace())
                .withName(owner.getMetadata().getName() + "-" + suffix)
                .withOwnerReferences(controllerRef(owner)).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("registry.example/job:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    Node node(String name, String internalIp, String podCidr) {
        return client.nodes().resource(new NodeBuilder()
                .withNewMetadata().withName(name).addToLabels("kubernetes.azure.com/agentpool", "pool1").endMetadata()
                .withNewSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr).endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress().endStatus()
                .build()).create();
    }

    /** A scheduled pod that has not started yet: no address. */
    Pod pendingPod(HasMetadata owner, String name, String node, Map<String, String> labels) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withNamespace(owner.getMetadata().getNamespace()).withName(name)
                .withLabels(labels).withOwnerReferences(controllerRef(owner)).endMetadata()
                .withNewSpec().withNodeName(node).withServiceAccountName(owner.getMetadata().getName())
                .addNewContainer().withName("main").withImage("registry.example/app:1").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
        return client.pods().resource(pod.build()).create();
    }

    /** The kubelet's report that the pod runs, with its addresses, from {@code startTime}. */
    Pod running(Pod pod, String hostIp, String startTime, String... ips) {
        List<PodIP> podIps = Arrays.stream(ips).map(PodIP::new).toList();
        return client.pods().resource(pod).edit(current -> new PodBuilder(current)
                .editStatus().withPhase("Running").withHostIP(hostIp).withPodIP(ips[0]).withPodIPs(podIps)
                .withStartTime(startTime)
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(startTime)
                .endCondition()
                .addNewContainerStatus().withName("main").withReady(true).withRestartCount(0)
                .withImage("registry.example/app:1").withNewState().withNewRunning().withStartedAt(startTime)
                .endRunning().endState().endContainerStatus()
                .endStatus().build());
    }

    /** The pod's containers ended at {@code finishedAt}; the pod object keeps its address, as real ones do. */
    Pod completed(Pod pod, String phase, String finishedAt) {
        return client.pods().resource(pod).edit(current -> new PodBuilder(current)
                .editStatus().withPhase(phase)
                .withConditions(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready")
                        .withStatus("False").withReason("PodCompleted").withLastTransitionTime(finishedAt).build())
                .withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("main")
                        .withReady(false).withRestartCount(0).withImage("registry.example/app:1").withNewState()
                        .withNewTerminated().withExitCode("Succeeded".equals(phase) ? 0 : 1)
                        .withReason("Succeeded".equals(phase) ? "Completed" : "Error")
                        .withStartedAt(current.getStatus().getStartTime()).withFinishedAt(finishedAt)
                        .endTerminated().endState().build())
                .endStatus().build());
    }

    void delete(HasMetadata object) {
        client.resource(object).delete();
    }
}

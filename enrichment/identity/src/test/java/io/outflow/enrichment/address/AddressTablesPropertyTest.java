package io.outflow.enrichment.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The open-addressing tables behave like a {@link HashMap} under any sequence of puts and removes. */
class AddressTablesPropertyTest {
    record Op(boolean put, IpAddress address, int value) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        // few distinct keys, so that probe runs collide, wrap and shift back
        Arbitrary<IpAddress> v4 = Arbitraries.integers().between(0, 40).map(i -> IpAddress.ofV4(0x0af40000 + i * 64));
        Arbitrary<IpAddress> v6 = Arbitraries.integers().between(0, 40).map(i -> IpAddress.of(0xfd00L << 48, i * 7L));
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.oneOf(v4, v6),
                Arbitraries.integers().between(1, 1000)).as(Op::new);
        return op.list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void addressMapBehavesLikeAHashMap(@ForAll("operations") List<Op> ops) {
        AddressMap<Integer> table = new AddressMap<>();
        Map<IpAddress, Integer> model = new HashMap<>();
        for (Op op : ops) {
            if (op.put()) {
                assertThat(table.put(op.address(), op.value())).isEqualTo(model.put(op.address(), op.value()));
            } else {
                assertThat(table.remove(op.address())).isEqualTo(model.remove(op.address()));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (Map.Entry<IpAddress, Integer> e : model.entrySet()) {
            assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
        }
        List<Integer> values = new ArrayList<>();
        table.forEachValue(values::add);
        assertThat(values).containsExactlyInAnyOrderElementsOf(model.values());
    }

    @Property(tries = 300)
    void wideKeyTableBehavesLikeAHashMap(@ForAll("operations") List<Op> ops) {
        WideKeyTable<Integer> table = new WideKeyTable<>();
        Map<IpAddress, Integer> model = new HashMap<>();
        for (Op op : ops) {
            IpAddress a = op.address();
            if (op.put()) {
                assertThat(table.put(a.high(), a.low(), op.value())).isEqualTo(model.put(a, op.value()));
            } else {
                assertThat(table.remove(a.high(), a.low())).isEqualTo(model.remove(a));
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (Map.Entry<IpAddress, Integer> e : model.entrySet()) {
            assertThat(table.get(e.getKey().high(), e.getKey().low())).isEqualTo(e.getValue());
        }
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(model.values());
    }
}

package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grant.it.TestDatabase;
import io.grant.it.model.Customer;
import io.grant.it.model.CustomerAsync;
import io.grant.it.model.Order;
import io.grant.it.model.OrderAsync;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A JavaBean entity, and a record whose table and a column are SQL reserved words. */
class BeanAndReservedNamesTest extends GeneratedTestBase {

    private static final LocalDateTime NOON = LocalDateTime.of(2024, 5, 17, 12, 0, 0, 250_000_000);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJavaBeanIsFilledThroughItsSettersAndPublicFields(TestDatabase database) {
        open(database);
        insert(new Customer(1, "Ada", "London", true, new BigDecimal("1000.50"), NOON));
        insert(new Customer(2, "Alan", null, null, null, null));

        Customer ada = CustomerAsync.findOrThrow(1).await();
        assertThat(ada.getId()).isEqualTo(1);
        assertThat(ada.getName()).isEqualTo("Ada");
        assertThat(ada.city).isEqualTo("London");
        assertThat(ada.getVip()).isTrue();
        assertThat(ada.getLimit()).isEqualByComparingTo("1000.50");
        assertThat(ada.getUpdatedAt()).isEqualTo(NOON);
        assertThat(ada.getNote()).as("@Transient: left as the constructor set it").isEqualTo("not from the database");

        Customer alan = CustomerAsync.findBy(CustomerAsync.NAME, "Alan").await().orElseThrow();
        assertThat(alan.city).isNull();
        assertThat(alan.getVip()).isNull();
        assertThat(alan.getLimit()).isNull();

        assertThat(CustomerAsync.TABLE.name()).isEqualTo("customers");
        assertThat(CustomerAsync.LIMIT.name()).isEqualTo("credit_limit");
        assertThat(CustomerAsync.ids().await()).containsExactlyInAnyOrder(1, 2);
        assertThat(CustomerAsync.sum(CustomerAsync.LIMIT).await()).isEqualByComparingTo("1000.50");
        assertThat(CustomerAsync.where(CustomerAsync.VIP.isTrue()).pluck(CustomerAsync.CITY).await())
                .containsExactly("London");
        LocalDateTime before = LocalDateTime.now().minusSeconds(1);
        assertThat(CustomerAsync.touchAll().await()).isEqualTo(2L);
        assertThat(CustomerAsync.pluck(CustomerAsync.UPDATED_AT).await()).allSatisfy(
                touched -> assertThat(touched).isCloseTo(before, within(10, ChronoUnit.SECONDS)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reservedWordsAsTableAndColumnNames(TestDatabase database) {
        open(database);
        Order first = new Order(UUID.fromString("00000000-0000-4000-8000-000000000001"), "7",
                new BigDecimal("12.50"), Order.Status.OPEN, NOW);
        Order second = new Order(UUID.fromString("00000000-0000-4000-8000-000000000002"), "12",
                new BigDecimal("7.25"), Order.Status.SERVED, NOW.plusSeconds(60));
        insert(first);
        insert(second);

        assertThat(OrderAsync.TABLE.name()).isEqualTo("order");
        assertThat(OrderAsync.TABLE_COLUMN.name()).isEqualTo("table");
        assertThat(OrderAsync.count().await()).isEqualTo(2L);
        assertThat(OrderAsync.find(first.id()).await()).hasValueSatisfying(order -> {
            assertThat(order.table()).isEqualTo("7");
            assertThat(order.total()).isEqualByComparingTo("12.50");
            assertThat(order.status()).isEqualTo(Order.Status.OPEN);
            assertThat(order.placedAt()).isEqualTo(NOW);
        });
        assertThat(OrderAsync.where(OrderAsync.TABLE_COLUMN.eq("12")).pluck(OrderAsync.ID).await())
                .containsExactly(second.id());
        assertThat(OrderAsync.sum(OrderAsync.TOTAL).await()).isEqualByComparingTo("19.75");
        assertThat(OrderAsync.max(OrderAsync.PLACED_AT).await()).contains(second.placedAt());
        assertThat(OrderAsync.where(OrderAsync.STATUS.eq(Order.Status.OPEN))
                .update(OrderAsync.STATUS.set(Order.Status.PAID), OrderAsync.TABLE_COLUMN.set("9")).await())
                .isEqualTo(1L);
        assertThat(OrderAsync.findBy(OrderAsync.STATUS, Order.Status.PAID).await().map(Order::table)).contains("9");
        assertThat(OrderAsync.deleteAll().await()).isEqualTo(2L);
    }

    private void insert(Customer customer) {
        db.dsl().insertInto(CustomerAsync.TABLE.table())
                .set(CustomerAsync.ID.field(), customer.getId())
                .set(CustomerAsync.NAME.field(), customer.getName())
                .set(CustomerAsync.CITY.field(), customer.city)
                .set(CustomerAsync.VIP.field(), customer.getVip())
                .set(CustomerAsync.LIMIT.field(), customer.getLimit())
                .set(CustomerAsync.UPDATED_AT.field(), customer.getUpdatedAt())
                .execute();
    }

    private void insert(Order order) {
        db.dsl().insertInto(OrderAsync.TABLE.table())
                .set(OrderAsync.ID.field(), order.id())
                .set(OrderAsync.TABLE_COLUMN.field(), order.table())
                .set(OrderAsync.TOTAL.field(), order.total())
                .set(OrderAsync.STATUS.field(), order.status())
                .set(OrderAsync.PLACED_AT.field(), order.placedAt())
                .execute();
    }
}

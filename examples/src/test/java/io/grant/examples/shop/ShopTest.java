package io.grant.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shop example does what it says, on a fresh embedded H2 database per test. */
class ShopTest {

    private Grant db;
    private Shop shop;

    @BeforeEach
    void open() {
        db = Grant.builder().name("shop-test").jdbcUrl("jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .poolSize(2).build();
        Grant.setDefault(db);
        shop = new Shop(db);
        shop.createTables();
    }

    @AfterEach
    void close() {
        Grant.setDefault(null);
        db.close();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void insertAndInsertAllStoreRowsWithTheIdsTheDatabaseGenerated() {
        Customer ada = shop.register(Customer.of("Ada", "London", money("500.00"))).await();
        assertThat(ada.id()).isNotNull();
        assertThat(ada).isEqualTo(new Customer(ada.id(), "Ada", "London", money("500.00")));

        long inserted = shop.registerAll(List.of(Customer.of("Grace", "New York", money("1000.00")),
                Customer.of("Linus", "London", money("300.00")))).await();
        assertThat(inserted).isEqualTo(2);
        assertThat(CustomerAsync.query().orderBy(CustomerAsync.ID.asc()).select().await())
                .extracting(Customer::name).containsExactly("Ada", "Grace", "Linus");
        assertThat(CustomerAsync.ids().await()).doesNotHaveDuplicates().hasSize(3).contains(ada.id());
    }

    @Test
    void aBillIsStoredWholeInOneTransaction() {
        Customer ada = shop.register(Customer.of("Ada", "London", money("500.00"))).await();

        List<Invoice> invoices = shop.bill(ada, List.of(money("120.00"), money("80.00"))).await();

        assertThat(invoices).extracting(Invoice::id).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(invoices).extracting(Invoice::customerId).containsOnly(ada.id());
        assertThat(InvoiceAsync.query().orderBy(InvoiceAsync.ID.asc()).select().await()).isEqualTo(invoices);
        assertThat(shop.owedBy(ada).await()).isEqualByComparingTo("200.00");
    }

    @Test
    void aBillOverTheCreditLimitRollsBackEveryInvoiceOfIt() {
        Customer grace = shop.register(Customer.of("Grace", "New York", money("1000.00"))).await();
        shop.bill(grace, List.of(money("100.00"))).await();

        assertThatThrownBy(() -> shop.bill(grace, List.of(money("800.00"), money("300.00"))).await())
                .isInstanceOf(AsyncExecutionException.class)
                .cause().isInstanceOf(CreditLimitExceededException.class)
                .hasMessage("Grace would owe 1200.00, over the credit limit of 1000.00");

        assertThat(InvoiceAsync.pluck(InvoiceAsync.AMOUNT).await()).containsExactly(money("100.00"));
        assertThat(shop.owedBy(grace).await()).isEqualByComparingTo("100.00");
    }

    @Test
    void anInvoiceTheDatabaseRefusesRollsBackTheOnesBeforeIt() {
        Customer ada = shop.register(Customer.of("Ada", "London", money("500.00"))).await();

        assertThatThrownBy(() -> shop.bill(ada, List.of(money("50.00"), money("-1.00"))).await())
                .isInstanceOf(AsyncExecutionException.class);

        assertThat(InvoiceAsync.count().await()).isZero();
    }

    @Test
    void typedFiltersFindTheRowsTheyDescribe() {
        Customer ada = shop.register(Customer.of("Ada", "London", money("500.00"))).await();
        Customer linus = shop.register(Customer.of("Linus", "London", money("300.00"))).await();
        Customer grace = shop.register(Customer.of("Grace", "New York", money("1000.00"))).await();
        List<Invoice> adas = shop.bill(ada, List.of(money("120.00"), money("80.00"))).await();
        Invoice linuss = shop.bill(linus, List.of(money("150.00"))).await().getFirst();
        Invoice graces = shop.bill(grace, List.of(money("400.00"))).await().getFirst();
        assertThat(shop.pay(graces).await()).isEqualTo(1);

        assertThat(shop.customersIn("London").await()).containsExactly("Ada", "Linus");
        assertThat(shop.customersIn("Paris").await()).isEmpty();
        assertThat(shop.largeUnpaid(money("100")).await()).containsExactly(linuss, adas.getFirst());
        assertThat(InvoiceAsync.where(Shop.unpaidOf(ada)).select().await()).containsExactlyInAnyOrderElementsOf(adas);
        assertThat(shop.owedBy(grace).await()).isEqualByComparingTo("0");
    }

    @Test
    void theTourPrintsWhatHappened() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        shop.tour(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertThat(output).contains("insert: Customer[id=1, name=Ada, city=London, creditLimit=500.00]");
        assertThat(output).contains("insertAll: 3 customers, among them Customer[id=2, name=Grace, city=New York, "
                + "creditLimit=1000.00]");
        assertThat(output).contains("billed Ada 2 invoices (ids [1, 2]); Ada owes 200.00");
        assertThat(output).contains("billing Grace failed: Grace would owe 1200.00, over the credit limit of 1000.00; "
                + "rolled back, so Grace has 0 invoices");
        assertThat(output).contains("customers in London: [Ada, Linus]");
        assertThat(output).containsPattern("unpaid invoices of 100 or more: \\[Invoice\\[id=\\d+, customerId=3, "
                + "amount=150.00, paid=false], Invoice\\[id=1, customerId=1, amount=120.00, paid=false]]");
        assertThat(output).contains("Ada owes 120.00 after paying invoice 2");
    }
}

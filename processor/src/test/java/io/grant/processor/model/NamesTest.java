package io.grant.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
        "id, id",
        "updatedAt, updated_at",
        "OrderLine, order_line",
        "userID, user_id",
        "HTTPServer, http_server",
        "address2, address2",
        "line2Total, line2_total",
        "already_snake, already_snake",
        "_private, _private",
        "x, x"})
    void snakeCase(String name, String snake) {
        assertThat(Names.snakeCase(name)).isEqualTo(snake);
    }

    @ParameterizedTest
    @CsvSource({"User, users", "OrderLine, order_lines", "Order, orders"})
    void defaultTable(String type, String table) {
        assertThat(Names.defaultTable(type)).isEqualTo(table);
    }

    @ParameterizedTest
    @CsvSource({"updatedAt, UPDATED_AT", "table, TABLE", "userID, USER_ID", "uuid, UUID"})
    void constant(String field, String constant) {
        assertThat(Names.constant(field)).isEqualTo(constant);
    }
}

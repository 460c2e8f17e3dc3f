package io.grant.processor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes entities like real ones: records and JavaBean classes in turn, ten columns of assorted types each, a
 * renamed column, an enum and a {@code @Transient} field.
 */
final class EntitySources {

    private EntitySources() {}

    /** Writes {@code count} entities into package {@code bench} under {@code root}; returns their files. */
    static List<Path> write(Path root, int count) throws IOException {
        Path dir = Files.createDirectories(root.resolve("bench"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "Entity" + i;
            Path file = dir.resolve(name + ".java");
            Files.writeString(file, i % 2 == 0 ? record(name) : bean(name));
            files.add(file);
        }
        return files;
    }

    private static String record(String name) {
        return """
                package bench;

                import io.grant.annotations.Column;
                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;
                import io.grant.annotations.Transient;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.time.LocalDate;
                import java.util.UUID;

                @GrantModel
                public record %1$s(
                    @Id UUID key,
                    String label,
                    @Column("contact_email") String contact,
                    LocalDate startsOn,
                    Status status,
                    long visits,
                    boolean archived,
                    BigDecimal price,
                    Instant createdAt,
                    Instant updatedAt,
                    @Transient String summary) {

                    public enum Status { NEW, ACTIVE, CLOSED }
                }
                """.formatted(name);
    }

    private static String bean(String name) {
        return """
                package bench;

                import io.grant.annotations.Column;
                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;
                import io.grant.annotations.Transient;
                import java.math.BigDecimal;
                import java.time.LocalDateTime;

                @GrantModel
                public class %1$s {
                    @Id private long id;
                    private String title;
                    @Column("total_amount") private BigDecimal total;
                    private Integer quantity;
                    private double weight;
                    public String notes;
                    public Boolean shipped;
                    public short priority;
                    public byte[] payload;
                    public LocalDateTime updatedAt;
                    @Transient public String cache;

                    public long getId() { return id; }
                    public void setId(long id) { this.id = id; }
                    public String getTitle() { return title; }
                    public void setTitle(String title) { this.title = title; }
                    public BigDecimal getTotal() { return total; }
                    public void setTotal(BigDecimal total) { this.total = total; }
                    public Integer getQuantity() { return quantity; }
                    public void setQuantity(Integer quantity) { this.quantity = quantity; }
                    public double getWeight() { return weight; }
                    public void setWeight(double weight) { this.weight = weight; }
                }
                """.formatted(name);
    }
}

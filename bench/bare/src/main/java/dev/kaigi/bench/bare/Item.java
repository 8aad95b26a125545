package dev.kaigi.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;

import java.time.Instant;

/** One row of a table, about the size of a service's small resource. */
@Entity
public class Item extends PanacheEntity {
    public String name;
    public Instant createdAt;
}

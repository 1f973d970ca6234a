package cn.grants.domain.persistence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is assigned when it is constructed (a random UUID), not by the database. Spring Data cannot
 * tell such an entity from a stored one by its id, so {@code save} merged it: one {@code SELECT} by the new id
 * before each {@code INSERT} (issue 14: a submitted application's eligibility rows, its case and its engine command
 * were each looked up before they were written). Here an entity is new until it is stored or loaded: {@code save}
 * inserts a new one at once and merges one that was read.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<UUID> {

    @Transient
    private boolean stored;

    @PostPersist
    @PostLoad
    void markStored() {
        stored = true;
    }

    @Override
    @JsonIgnore
    public boolean isNew() {
        return !stored;
    }
}

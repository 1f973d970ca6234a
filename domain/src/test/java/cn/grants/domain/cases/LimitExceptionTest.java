package cn.grants.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.catalogue.SoftLimit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A soft limit is exceeded only with a reason, above the limit, and with another officer's approval, once. */
class LimitExceptionTest {

    static final SoftLimit CAP = new SoftLimit(SoftLimit.Kind.CAP, "原则上不超过5000万元");
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    LimitException requested() {
        return new LimitException(UUID.randomUUID(), "sz-mfg-06-innovation-centre", CAP, new BigDecimal("50000000.00"),
                new BigDecimal("60000000.00"), "国家级中心", "officer", NOW);
    }

    @Test
    void shouldNeedAReasonAndAValueAboveTheLimit() {
        assertThatThrownBy(() -> new LimitException(UUID.randomUUID(), "m", CAP, new BigDecimal("50000000.00"),
                new BigDecimal("60000000.00"), " ", "officer", NOW)).hasMessageContaining("reason");
        assertThatThrownBy(() -> new LimitException(UUID.randomUUID(), "m", CAP, new BigDecimal("50000000.00"),
                new BigDecimal("50000000.00"), "理由", "officer", NOW)).hasMessageContaining("not above");
    }

    @Test
    void shouldBeApprovedOnlyByAnotherOfficerAndOnlyOnce() {
        LimitException exception = requested();
        assertThatThrownBy(() -> exception.decide(true, "officer", null, NOW)).hasMessageContaining("another officer");
        assertThat(exception.getStatus()).isEqualTo(LimitException.Status.REQUESTED);

        exception.decide(true, "officer2", "同意", NOW);

        assertThat(exception.getStatus()).isEqualTo(LimitException.Status.APPROVED);
        assertThat(exception.getDecidedBy()).isEqualTo("officer2");
        assertThatThrownBy(() -> exception.decide(false, "officer3", "不同意", NOW)).hasMessageContaining("already");
    }

    @Test
    void shouldNeedANoteToRefuse() {
        LimitException exception = requested();
        assertThatThrownBy(() -> exception.decide(false, "officer2", "", NOW)).hasMessageContaining("note");
        exception.decide(false, "officer2", "依据不足", NOW);
        assertThat(exception.getStatus()).isEqualTo(LimitException.Status.REFUSED);
    }
}

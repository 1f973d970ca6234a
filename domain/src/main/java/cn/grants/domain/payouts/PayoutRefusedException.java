package cn.grants.domain.payouts;

import java.util.UUID;

/** A payment the recorded decisions do not back: no instruction is made. */
public class PayoutRefusedException extends RuntimeException {

    private final UUID caseId;

    public PayoutRefusedException(UUID caseId, String reason) {
        super(reason);
        this.caseId = caseId;
    }

    public UUID caseId() {
        return caseId;
    }
}

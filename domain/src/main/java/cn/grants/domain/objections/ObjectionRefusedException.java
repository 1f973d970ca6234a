package cn.grants.domain.objections;

/** An objection that cannot be filed as given; {@link #field()} names the offending field, if any. */
public class ObjectionRefusedException extends RuntimeException {

    public enum Reason { INVALID, NOT_IN_PUBLICITY, NOT_FOUND }

    private final Reason reason;
    private final String field;

    public ObjectionRefusedException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}

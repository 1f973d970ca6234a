package cn.grants.domain.money;

/** A bad input value; {@link #field()} names the offending field for the problem detail. */
public class InvalidAmountException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidAmountException(String field, String message) {
        super(field + " " + message);
        this.field = field;
        this.reason = message;
    }

    /** What is wrong, without the field's name. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}

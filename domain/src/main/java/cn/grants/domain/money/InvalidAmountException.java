package cn.grants.domain.money;

/** A bad input value; {@link #field()} names the offending field for the problem detail. */
public class InvalidAmountException extends IllegalArgumentException {

    private final String field;

    public InvalidAmountException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

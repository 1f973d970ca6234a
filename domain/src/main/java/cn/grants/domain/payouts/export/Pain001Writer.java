package cn.grants.domain.payouts.export;

import cn.grants.domain.money.Money;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a batch of approved grant payouts as an ISO 20022 customer credit transfer initiation
 * ({@code pain.001.001.09}) in CNY, for upload to the bank that holds the fund's paying account (财政专户).
 *
 * <p>The message has one payment information block (one debit, booked as a batch) and one credit transfer per line.
 * A bank is identified by its BIC when one is given, else by its CNAPS 行号 (clearing system {@value #CLEARING_SYSTEM}),
 * and by its name. Amounts are yuan as {@link BigDecimal} written with exactly two decimals; the control sums are the
 * exact sums of the written amounts.
 *
 * <p>Everything is checked before anything is written: an invalid batch throws {@link IllegalArgumentException}
 * naming the offending line (1-based) and field, and nothing is truncated or rounded.
 */
public final class Pain001Writer {

    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    public static final String CURRENCY = "CNY";
    public static final String CLEARING_SYSTEM = "CNAPS";

    /** Max35Text: message, instruction and end-to-end ids. */
    public static final int MAX_ID_LENGTH = 35;
    /** The bytes held before they go to the output stream. */
    static final int BUFFER = 16 * 1024;
    /** Max34Text: the account number under Othr/Id. */
    public static final int MAX_ACCOUNT_LENGTH = 34;
    /** Max140Text: party and bank names, unstructured remittance information. */
    public static final int MAX_TEXT_LENGTH = 140;
    /** totalDigits of the amount and control sum types. */
    private static final int MAX_DIGITS = 18;

    private static final Pattern CNAPS_CODE = Pattern.compile("[0-9]{12}");
    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /**
     * The fund's paying account. {@code bankCode} is the bank's 12-digit CNAPS 行号 and {@code bic} its BIC; both are
     * optional, but the bank must be identified by at least one of BIC, code or name.
     */
    public record Debtor(String name, String account, String bankName, String bankCode, String bic) {
    }

    /**
     * One credit transfer. Ids are at most 35 characters ({@code instructionId}, e.g. the payout id without dashes);
     * {@code amount} is positive yuan with at most two decimals; {@code creditorBankCode} (CNAPS) and
     * {@code remittance} (at most 140 characters) are optional.
     */
    public record Line(String instructionId, String endToEndId, BigDecimal amount, String creditorName,
            String creditorAccount, String creditorBankName, String creditorBankCode, String remittance) {
    }

    /** Returns the message as UTF-8 XML; throws {@link IllegalArgumentException} for an invalid batch. */
    public byte[] write(String messageId, OffsetDateTime createdAt, LocalDate requestedExecutionDate, Debtor debtor,
            List<Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(messageId, createdAt, requestedExecutionDate, debtor, lines, out);
        return out.toByteArray();
    }

    /**
     * Streams the message as UTF-8 XML to {@code out}, a line at a time through a small buffer: memory stays flat
     * however many lines the batch has. The whole batch is checked first, so an invalid batch throws
     * {@link IllegalArgumentException} before a byte is written. {@code out} is flushed, not closed.
     */
    public void write(String messageId, OffsetDateTime createdAt, LocalDate requestedExecutionDate, Debtor debtor,
            List<Line> lines, OutputStream out) {
        List<BigDecimal> amounts = validate(messageId, createdAt, requestedExecutionDate, debtor, lines);
        BigDecimal controlSum = amounts.stream().reduce(Money.ZERO, BigDecimal::add);
        if (controlSum.precision() > MAX_DIGITS) {
            throw new IllegalArgumentException("batch total " + controlSum.toPlainString() + " has more than "
                    + MAX_DIGITS + " digits");
        }
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory()
                    .createXMLStreamWriter(buffered, StandardCharsets.UTF_8.name());
            new Document(xml).write(messageId, createdAt, requestedExecutionDate, debtor, lines, amounts,
                    controlSum);
            xml.close();
            buffered.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write pain.001 message " + messageId, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pain.001 message " + messageId, e);
        }
    }

    // ---- validation ----

    /** Checks the whole batch; returns the line amounts with exactly two decimals. */
    private static List<BigDecimal> validate(String messageId, OffsetDateTime createdAt, LocalDate executionDate,
            Debtor debtor, List<Line> lines) {
        requireText("messageId", messageId, MAX_ID_LENGTH);
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
        if (executionDate == null) {
            throw new IllegalArgumentException("requestedExecutionDate is required");
        }
        validateDebtor(debtor);
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("the batch has no lines: a payment file needs at least one payout");
        }
        Map<String, Integer> endToEndIds = new HashMap<>();
        Map<String, Integer> instructionIds = new HashMap<>();
        List<BigDecimal> amounts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            Line line = lines.get(i);
            if (line == null) {
                throw new IllegalArgumentException("line " + number + " is null");
            }
            String where = "line " + number;
            requireText(where + " instructionId", line.instructionId(), MAX_ID_LENGTH);
            requireText(where + " endToEndId", line.endToEndId(), MAX_ID_LENGTH);
            where = where + " (endToEndId " + line.endToEndId() + ")";
            Integer earlier = endToEndIds.putIfAbsent(line.endToEndId(), number);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": endToEndId duplicates line " + earlier);
            }
            earlier = instructionIds.putIfAbsent(line.instructionId(), number);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": instructionId " + line.instructionId()
                        + " duplicates line " + earlier);
            }
            amounts.add(validateFields(where, line));
        }
        return amounts;
    }

    /**
     * What is wrong with one line on its own (its fields, not its place in a batch), or empty when it can be written:
     * lets an export leave a bad instruction out and write the others.
     */
    public static java.util.Optional<String> problem(Line line) {
        if (line == null) {
            return java.util.Optional.of("the line is null");
        }
        try {
            requireText("instructionId", line.instructionId(), MAX_ID_LENGTH);
            requireText("endToEndId", line.endToEndId(), MAX_ID_LENGTH);
            validateFields("endToEndId " + line.endToEndId(), line);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private static BigDecimal validateFields(String where, Line line) {
        BigDecimal amount = amount(where, line.amount());
        requireText(where + " creditorName", line.creditorName(), MAX_TEXT_LENGTH);
        requireText(where + " creditorAccount", line.creditorAccount(), MAX_ACCOUNT_LENGTH);
        optionalText(where + " creditorBankName", line.creditorBankName(), MAX_TEXT_LENGTH);
        optionalCnapsCode(where + " creditorBankCode", line.creditorBankCode());
        optionalText(where + " remittance", line.remittance(), MAX_TEXT_LENGTH);
        return amount;
    }

    private static void validateDebtor(Debtor debtor) {
        if (debtor == null) {
            throw new IllegalArgumentException("debtor is required");
        }
        requireText("debtor name", debtor.name(), MAX_TEXT_LENGTH);
        requireText("debtor account", debtor.account(), MAX_ACCOUNT_LENGTH);
        optionalText("debtor bankName", debtor.bankName(), MAX_TEXT_LENGTH);
        optionalCnapsCode("debtor bankCode", debtor.bankCode());
        if (present(debtor.bic()) && !BIC.matcher(debtor.bic()).matches()) {
            throw new IllegalArgumentException("debtor bic is not a BIC (8 or 11 letters and digits): '"
                    + debtor.bic() + "'");
        }
        if (!present(debtor.bic()) && !present(debtor.bankCode()) && !present(debtor.bankName())) {
            throw new IllegalArgumentException("debtor bank needs a bic, a CNAPS bankCode or a bankName");
        }
    }

    private static BigDecimal amount(String where, BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException(where + ": amount is required");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(where + ": amount must be positive, was " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > Money.SCALE) {
            throw new IllegalArgumentException(where + ": amount has more than 2 decimals: " + amount.toPlainString());
        }
        BigDecimal yuan = amount.setScale(Money.SCALE);
        if (yuan.precision() > MAX_DIGITS) {
            throw new IllegalArgumentException(where + ": amount has more than " + MAX_DIGITS + " digits: "
                    + yuan.toPlainString());
        }
        return yuan;
    }

    private static void requireText(String field, String value, int maxLength) {
        if (!present(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
        optionalText(field, value, maxLength);
    }

    /** Null or blank means absent; otherwise at most {@code maxLength} characters, all of them allowed in XML. */
    private static void optionalText(String field, String value, int maxLength) {
        if (!present(value)) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(field + " is " + length + " characters long, at most " + maxLength
                    + " allowed: '" + value + "'");
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!allowedInXml(c)) {
                throw new IllegalArgumentException(field + " contains a character not allowed in XML (U+"
                        + String.format("%04X", c) + ") at position " + (value.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
    }

    private static void optionalCnapsCode(String field, String code) {
        if (present(code) && !CNAPS_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(field + " is not a 12-digit CNAPS bank code: '" + code + "'");
        }
    }

    /** XML 1.0 Char production. */
    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    // ---- writing ----

    /** The document, element by element in the order of the pain.001.001.09 schema, indented by two spaces. */
    private static final class Document {

        private final XMLStreamWriter xml;
        private int depth;

        Document(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void write(String messageId, OffsetDateTime createdAt, LocalDate executionDate, Debtor debtor,
                List<Line> lines, List<BigDecimal> amounts, BigDecimal controlSum) throws XMLStreamException {
            String numberOfTransactions = Integer.toString(lines.size());
            String sum = controlSum.toPlainString();

            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(NAMESPACE);
            start("Document");
            xml.writeDefaultNamespace(NAMESPACE);
            start("CstmrCdtTrfInitn");

            start("GrpHdr");
            leaf("MsgId", messageId);
            leaf("CreDtTm", DATE_TIME.format(createdAt));
            leaf("NbOfTxs", numberOfTransactions);
            leaf("CtrlSum", sum);
            start("InitgPty");
            leaf("Nm", debtor.name());
            end();
            end();

            start("PmtInf");
            leaf("PmtInfId", messageId);
            leaf("PmtMtd", "TRF");
            leaf("BtchBookg", "true");
            leaf("NbOfTxs", numberOfTransactions);
            leaf("CtrlSum", sum);
            start("ReqdExctnDt");
            leaf("Dt", DATE.format(executionDate));
            end();
            start("Dbtr");
            leaf("Nm", debtor.name());
            end();
            account("DbtrAcct", debtor.account());
            agent("DbtrAgt", debtor.bic(), debtor.bankCode(), debtor.bankName());
            leaf("ChrgBr", "SLEV");
            for (int i = 0; i < lines.size(); i++) {
                transaction(lines.get(i), amounts.get(i));
            }
            end();

            end();
            end();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
        }

        private void transaction(Line line, BigDecimal amount) throws XMLStreamException {
            start("CdtTrfTxInf");
            start("PmtId");
            leaf("InstrId", line.instructionId());
            leaf("EndToEndId", line.endToEndId());
            end();
            start("Amt");
            indent();
            xml.writeStartElement(NAMESPACE, "InstdAmt");
            xml.writeAttribute("Ccy", CURRENCY);
            xml.writeCharacters(amount.toPlainString());
            xml.writeEndElement();
            end();
            if (present(line.creditorBankCode()) || present(line.creditorBankName())) {
                agent("CdtrAgt", null, line.creditorBankCode(), line.creditorBankName());
            }
            start("Cdtr");
            leaf("Nm", line.creditorName());
            end();
            account("CdtrAcct", line.creditorAccount());
            if (present(line.remittance())) {
                start("RmtInf");
                leaf("Ustrd", line.remittance());
                end();
            }
            end();
        }

        /** BranchAndFinancialInstitutionIdentification6: BICFI if given, else the CNAPS member id; then the name. */
        private void agent(String element, String bic, String cnapsCode, String name) throws XMLStreamException {
            start(element);
            start("FinInstnId");
            if (present(bic)) {
                leaf("BICFI", bic);
            } else if (present(cnapsCode)) {
                start("ClrSysMmbId");
                start("ClrSysId");
                leaf("Cd", CLEARING_SYSTEM);
                end();
                leaf("MmbId", cnapsCode);
                end();
            }
            if (present(name)) {
                leaf("Nm", name);
            }
            end();
            end();
        }

        /** CashAccount38 with a domestic account number (not an IBAN). */
        private void account(String element, String number) throws XMLStreamException {
            start(element);
            start("Id");
            start("Othr");
            leaf("Id", number);
            end();
            end();
            end();
        }

        private void start(String name) throws XMLStreamException {
            if (depth > 0) {
                indent();
            }
            xml.writeStartElement(NAMESPACE, name);
            depth++;
        }

        private void end() throws XMLStreamException {
            depth--;
            indent();
            xml.writeEndElement();
        }

        private void leaf(String name, String text) throws XMLStreamException {
            indent();
            xml.writeStartElement(NAMESPACE, name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }

        private void indent() throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}

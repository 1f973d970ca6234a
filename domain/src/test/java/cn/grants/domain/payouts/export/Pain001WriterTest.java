package cn.grants.domain.payouts.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.payouts.export.Pain001Writer.Debtor;
import cn.grants.domain.payouts.export.Pain001Writer.Line;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class Pain001WriterTest {

    static final String MESSAGE_ID = "SZGF20260302001";
    static final OffsetDateTime CREATED_AT = OffsetDateTime.of(2026, 3, 2, 9, 30, 15, 123_000_000, ZoneOffset.ofHours(8));
    static final LocalDate EXECUTION_DATE = LocalDate.of(2026, 3, 4);
    static final Debtor FUND_BY_CNAPS = new Debtor("深圳市科技创新局财政专户", "44201501100059000001", "中国建设银行深圳分行",
            "105584000005", null);
    static final Debtor FUND_BY_BIC = new Debtor("深圳市科技创新局财政专户", "44201501100059000001", "中国建设银行深圳分行",
            "105584000005", "PCBCCNBJSZX");

    final Pain001Writer writer = new Pain001Writer();

    static Line line(String id, String amount) {
        return new Line("I" + id, "E" + id, new BigDecimal(amount), "深圳市南山区示例科技有限公司", "755900012310801",
                "招商银行深圳分行营业部", "308584000013", "深圳市科技创新资助 case " + id + " tranche 1");
    }

    static Line withAmount(Line l, BigDecimal amount) {
        return new Line(l.instructionId(), l.endToEndId(), amount, l.creditorName(), l.creditorAccount(),
                l.creditorBankName(), l.creditorBankCode(), l.remittance());
    }

    byte[] write(Debtor debtor, List<Line> lines) {
        return writer.write(MESSAGE_ID, CREATED_AT, EXECUTION_DATE, debtor, lines);
    }

    byte[] write(Line... lines) {
        return write(FUND_BY_CNAPS, List.of(lines));
    }

    // ---- reading the output back: namespace-aware DOM and XPath with the prefix p ----

    static final class Xml {

        final Document document;
        final XPath xpath;

        Xml(byte[] bytes) {
            try {
                Pain001Schema.validate(bytes);
            } catch (Exception e) {
                throw new AssertionError("the official pain.001.001.09 schema refuses the output", e);
            }
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new AssertionError("output is not well-formed XML", e);
            }
            xpath = XPathFactory.newInstance().newXPath();
            xpath.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return "p".equals(prefix) ? Pain001Writer.NAMESPACE : XMLConstants.NULL_NS_URI;
                }

                @Override
                public String getPrefix(String namespaceUri) {
                    return null;
                }

                @Override
                public Iterator<String> getPrefixes(String namespaceUri) {
                    return null;
                }
            });
        }

        String text(String expression) {
            try {
                return xpath.evaluate(expression, document);
            } catch (Exception e) {
                throw new AssertionError(expression, e);
            }
        }

        List<Node> nodes(String expression) {
            try {
                NodeList list = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
                List<Node> nodes = new ArrayList<>();
                for (int i = 0; i < list.getLength(); i++) {
                    nodes.add(list.item(i));
                }
                return nodes;
            } catch (Exception e) {
                throw new AssertionError(expression, e);
            }
        }

        List<String> texts(String expression) {
            return nodes(expression).stream().map(Node::getTextContent).toList();
        }

        /** Local names of the child elements of the single element the expression selects. */
        List<String> children(String expression) {
            List<Node> found = nodes(expression);
            assertThat(found).as(expression).hasSize(1);
            List<String> names = new ArrayList<>();
            for (Node child = found.get(0).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    assertThat(element.getNamespaceURI()).isEqualTo(Pain001Writer.NAMESPACE);
                    names.add(element.getLocalName());
                }
            }
            return names;
        }
    }

    static final String HDR = "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr";
    static final String PMT = "/p:Document/p:CstmrCdtTrfInitn/p:PmtInf";
    static final String TX = PMT + "/p:CdtTrfTxInf";

    // ---- the message ----

    @Test
    void shouldStreamTenThousandPaymentsInSmallPiecesAndWriteNothingForAnInvalidBatch() {
        // given 10,000 payments
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            lines.add(line(String.valueOf(i), "1000.00"));
        }
        int[] largestWrite = {0};
        long[] total = {0};
        java.io.OutputStream out = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                largestWrite[0] = Math.max(largestWrite[0], len);
                total[0] += len;
            }
        };

        // when the file is streamed
        writer.write(MESSAGE_ID, CREATED_AT, EXECUTION_DATE, FUND_BY_CNAPS, lines, out);

        // then it reached the stream in pieces no larger than the writer's buffer, never as one file held in memory,
        // and it is the same file as the one written whole
        assertThat(total[0]).isGreaterThan(5_000_000L);
        assertThat(largestWrite[0]).isLessThanOrEqualTo(Pain001Writer.BUFFER);
        assertThat(total[0]).isEqualTo(write(FUND_BY_CNAPS, lines).length);

        // and an invalid batch is refused before a byte is written
        long before = total[0];
        List<Line> invalid = new ArrayList<>(lines);
        invalid.add(withAmount(line("bad", "1.00"), new BigDecimal("-1.00")));
        assertThatThrownBy(() -> writer.write(MESSAGE_ID, CREATED_AT, EXECUTION_DATE, FUND_BY_CNAPS, invalid, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001");
        assertThat(total[0]).isEqualTo(before);
    }

    @Test
    void shouldCountTheTransactionsAndControlTheExactSum() {
        // given three payouts whose sum is exact only in decimal arithmetic
        List<Line> lines = List.of(line("1", "15000000.00"), line("2", "399999.99"), line("3", "0.01"));

        // when
        Xml xml = new Xml(write(FUND_BY_CNAPS, lines));

        // then the group header and the payment information agree on count and exact sum
        BigDecimal expected = new BigDecimal("15000000.00").add(new BigDecimal("399999.99"))
                .add(new BigDecimal("0.01"));
        assertThat(expected).isEqualTo(new BigDecimal("15400000.00"));
        for (String block : List.of(HDR, PMT)) {
            assertThat(xml.text(block + "/p:NbOfTxs")).isEqualTo("3");
            assertThat(new BigDecimal(xml.text(block + "/p:CtrlSum"))).isEqualTo(expected);
            assertThat(xml.text(block + "/p:CtrlSum")).isEqualTo("15400000.00");
        }
        assertThat(xml.nodes(TX)).hasSize(3);
    }

    @Test
    void shouldWriteEachTransactionWithItsIdsAndAnAmountInCnyWithTwoDecimals() {
        // given amounts written with zero, one and two decimals
        List<Line> lines = List.of(line("A", "5000"), line("B", "0.5"), line("C", "399999.99"));

        // when
        Xml xml = new Xml(write(FUND_BY_CNAPS, lines));

        // then
        assertThat(xml.texts(TX + "/p:PmtId/p:EndToEndId")).containsExactly("EA", "EB", "EC");
        assertThat(xml.texts(TX + "/p:PmtId/p:InstrId")).containsExactly("IA", "IB", "IC");
        assertThat(xml.texts(TX + "/p:Amt/p:InstdAmt")).containsExactly("5000.00", "0.50", "399999.99");
        assertThat(xml.texts(TX + "/p:Amt/p:InstdAmt/@Ccy")).containsExactly("CNY", "CNY", "CNY");
        assertThat(xml.text(PMT + "/p:CtrlSum")).isEqualTo("405000.49");
        assertThat(xml.texts(TX + "/p:CdtrAcct/p:Id/p:Othr/p:Id")).containsOnly("755900012310801");
        assertThat(xml.texts(TX + "/p:RmtInf/p:Ustrd")).containsExactly("深圳市科技创新资助 case A tranche 1",
                "深圳市科技创新资助 case B tranche 1", "深圳市科技创新资助 case C tranche 1");
    }

    @Test
    void shouldWriteTheHeaderAndTheDebitSide() {
        // given
        byte[] bytes = write(line("1", "100.00"));

        // when
        Xml xml = new Xml(bytes);

        // then
        assertThat(xml.document.getDocumentElement().getNamespaceURI())
                .isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
        assertThat(xml.document.getDocumentElement().getLocalName()).isEqualTo("Document");
        assertThat(xml.text(HDR + "/p:MsgId")).isEqualTo(MESSAGE_ID);
        assertThat(xml.text(HDR + "/p:CreDtTm")).isEqualTo("2026-03-02T09:30:15+08:00");
        assertThat(xml.text(HDR + "/p:InitgPty/p:Nm")).isEqualTo("深圳市科技创新局财政专户");
        assertThat(xml.text(PMT + "/p:PmtInfId")).isEqualTo(MESSAGE_ID);
        assertThat(xml.text(PMT + "/p:PmtMtd")).isEqualTo("TRF");
        assertThat(xml.text(PMT + "/p:BtchBookg")).isEqualTo("true");
        assertThat(xml.text(PMT + "/p:ReqdExctnDt/p:Dt")).isEqualTo("2026-03-04");
        assertThat(xml.text(PMT + "/p:Dbtr/p:Nm")).isEqualTo("深圳市科技创新局财政专户");
        assertThat(xml.text(PMT + "/p:DbtrAcct/p:Id/p:Othr/p:Id")).isEqualTo("44201501100059000001");
        assertThat(xml.text(PMT + "/p:ChrgBr")).isEqualTo("SLEV");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    @Test
    void shouldWriteFilesTheOfficialPain00100109SchemaAccepts() {
        // given files with every optional part, with BIC and CNAPS banks, a bank known by name only and the longest values
        String id = "x".repeat(35);
        List<byte[]> files = List.of(write(line("1", "1.00")),
                write(FUND_BY_BIC, List.of(line("1", "15000000.00"), line("2", "0.01"))),
                write(new Line("I2", "E2", new BigDecimal("2.00"), "个体户张三", "6222021234567890123", "工商银行某支行", null,
                        null)),
                writer.write(id, CREATED_AT, EXECUTION_DATE, FUND_BY_CNAPS,
                        List.of(new Line(id, id, new BigDecimal("1.00"), "甲", "1", null, null, "资".repeat(140)))));

        // then the official schema accepts each of them
        for (byte[] file : files) {
            assertThatCode(() -> Pain001Schema.validate(file)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldHaveASchemaCheckThatRefusesElementsOutOfOrder() {
        // given a file the writer produced, with the debtor moved after its account
        String xml = new String(write(line("1", "1.00")), StandardCharsets.UTF_8);
        int dbtr = xml.indexOf("<Dbtr>");
        int acct = xml.indexOf("<DbtrAcct>");
        int agent = xml.indexOf("<DbtrAgt>");
        String swapped = xml.substring(0, dbtr) + xml.substring(acct, agent) + xml.substring(dbtr, acct)
                + xml.substring(agent);

        // then the schema check fails on it, so the test above would catch a writer that gets the order wrong
        assertThatThrownBy(() -> Pain001Schema.validate(swapped.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("DbtrAcct");
    }

    @Test
    void shouldRoundTripChineseNamesAndEscapeAmpersandsAndAngleBrackets() {
        // given names and a remittance with characters that are markup in XML
        Line line = new Line("I1", "E1", new BigDecimal("88.00"), "深圳市福田区研发&设计<联合>有限公司", "755900012310801",
                "招商银行深圳分行", null, "R&D 资助 \"首期\" case 1 tranche 1");

        // when
        byte[] bytes = write(line);

        // then the raw text has the escapes and the parsed text the originals
        String raw = new String(bytes, StandardCharsets.UTF_8);
        assertThat(raw).contains("研发&amp;设计&lt;联合").contains("R&amp;D 资助").doesNotContain("R&D");
        Xml xml = new Xml(bytes);
        assertThat(xml.text(TX + "/p:Cdtr/p:Nm")).isEqualTo("深圳市福田区研发&设计<联合>有限公司");
        assertThat(xml.text(TX + "/p:RmtInf/p:Ustrd")).isEqualTo("R&D 资助 \"首期\" case 1 tranche 1");
        assertThat(xml.text(PMT + "/p:DbtrAgt/p:FinInstnId/p:Nm")).isEqualTo("中国建设银行深圳分行");
    }

    @Test
    void shouldIdentifyBanksByCnapsCodeWhenThereIsNoBic() {
        // given a debtor and a creditor bank with CNAPS 行号 only, and a creditor bank known only by name
        Line byName = new Line("I2", "E2", new BigDecimal("2.00"), "个体户张三", "6222021234567890123", "工商银行某支行",
                null, null);

        // when
        Xml xml = new Xml(write(FUND_BY_CNAPS, List.of(line("1", "1.00"), byName)));

        // then
        String debtorAgent = PMT + "/p:DbtrAgt/p:FinInstnId";
        assertThat(xml.text(debtorAgent + "/p:ClrSysMmbId/p:ClrSysId/p:Cd")).isEqualTo("CNAPS");
        assertThat(xml.text(debtorAgent + "/p:ClrSysMmbId/p:MmbId")).isEqualTo("105584000005");
        assertThat(xml.nodes(debtorAgent + "/p:BICFI")).isEmpty();
        String firstCreditorAgent = TX + "[1]/p:CdtrAgt/p:FinInstnId";
        assertThat(xml.text(firstCreditorAgent + "/p:ClrSysMmbId/p:ClrSysId/p:Cd")).isEqualTo("CNAPS");
        assertThat(xml.text(firstCreditorAgent + "/p:ClrSysMmbId/p:MmbId")).isEqualTo("308584000013");
        assertThat(xml.text(firstCreditorAgent + "/p:Nm")).isEqualTo("招商银行深圳分行营业部");
        assertThat(xml.children(TX + "[2]/p:CdtrAgt/p:FinInstnId")).containsExactly("Nm");
        assertThat(xml.children(TX + "[2]")).containsExactly("PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct");
    }

    @Test
    void shouldIdentifyTheDebtorBankByBicWhenOneIsGiven() {
        // when
        Xml xml = new Xml(write(FUND_BY_BIC, List.of(line("1", "1.00"))));

        // then the BIC replaces the clearing system member id
        String debtorAgent = PMT + "/p:DbtrAgt/p:FinInstnId";
        assertThat(xml.children(debtorAgent)).containsExactly("BICFI", "Nm");
        assertThat(xml.text(debtorAgent + "/p:BICFI")).isEqualTo("PCBCCNBJSZX");
        assertThat(xml.text(debtorAgent + "/p:Nm")).isEqualTo("中国建设银行深圳分行");
    }

    @Test
    void shouldAcceptTheLongestIdsAndRemittance() {
        // given ids of 35 and a remittance of 140 characters
        String id = "x".repeat(35);
        String remittance = "资".repeat(140);
        Line line = new Line(id, id, new BigDecimal("1.00"), "甲", "1", null, null, remittance);

        // when
        Xml xml = new Xml(writer.write(id, CREATED_AT, EXECUTION_DATE, FUND_BY_CNAPS, List.of(line)));

        // then
        assertThat(xml.text(HDR + "/p:MsgId")).isEqualTo(id);
        assertThat(xml.text(TX + "/p:RmtInf/p:Ustrd")).isEqualTo(remittance);
        assertThat(xml.nodes(TX + "/p:CdtrAgt")).isEmpty();
    }

    // ---- validation ----

    @Test
    void shouldRejectAnEmptyBatch() {
        assertThatThrownBy(() -> write(FUND_BY_CNAPS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no lines");
    }

    @Test
    void shouldRejectAMessageIdLongerThan35() {
        assertThatThrownBy(() -> writer.write("M".repeat(36), CREATED_AT, EXECUTION_DATE, FUND_BY_CNAPS,
                List.of(line("1", "1.00"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageId")
                .hasMessageContaining("36 characters");
    }

    @Test
    void shouldRejectAnInstructionIdLongerThan35NamingTheLine() {
        // given
        Line tooLong = new Line("I".repeat(36), "E2", new BigDecimal("1.00"), "甲", "1", null, null, null);

        // when / then
        assertThatThrownBy(() -> write(line("1", "1.00"), tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 instructionId")
                .hasMessageContaining("at most 35");
    }

    @Test
    void shouldRejectAnEndToEndIdLongerThan35NamingTheLine() {
        // given
        Line tooLong = new Line("I2", "E".repeat(36), new BigDecimal("1.00"), "甲", "1", null, null, null);

        // when / then
        assertThatThrownBy(() -> write(line("1", "1.00"), tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 endToEndId")
                .hasMessageContaining("at most 35");
    }

    @Test
    void shouldRejectADuplicateEndToEndId() {
        // given line 3 repeats the end-to-end id of line 1
        Line first = line("1", "1.00");
        Line again = new Line("I3", first.endToEndId(), new BigDecimal("3.00"), "乙", "2", null, null, null);

        // when / then
        assertThatThrownBy(() -> write(first, line("2", "2.00"), again))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3 (endToEndId E1)")
                .hasMessageContaining("duplicates line 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-0.01", "-100"})
    void shouldRejectAnAmountThatIsNotPositive(String amount) {
        // given
        Line bad = withAmount(line("2", "1.00"), new BigDecimal(amount));

        // when / then
        assertThatThrownBy(() -> write(line("1", "1.00"), bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 (endToEndId E2)")
                .hasMessageContaining("amount must be positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "100.005", "15000000.999"})
    void shouldRejectAnAmountWithMoreThanTwoDecimals(String amount) {
        // given
        Line bad = withAmount(line("1", "1.00"), new BigDecimal(amount));

        // when / then
        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (endToEndId E1)")
                .hasMessageContaining("more than 2 decimals");
    }

    @Test
    void shouldAcceptTrailingZerosBeyondTwoDecimals() {
        // given 12.5000 is 12.50 exactly
        Xml xml = new Xml(write(withAmount(line("1", "1.00"), new BigDecimal("12.5000"))));

        // then
        assertThat(xml.text(TX + "/p:Amt/p:InstdAmt")).isEqualTo("12.50");
    }

    @Test
    void shouldRejectAMissingAmount() {
        assertThatThrownBy(() -> write(withAmount(line("1", "1.00"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (endToEndId E1): amount is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRejectABlankCreditorAccount(String account) {
        // given
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲", account, null, null, null);

        // when / then
        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (endToEndId E1) creditorAccount is required");
    }

    @Test
    void shouldRejectAMissingCreditorAccount() {
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲", null, null, null, null);

        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("creditorAccount is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \t "})
    void shouldRejectABlankCreditorName(String name) {
        // given
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), name, "1", null, null, null);

        // when / then
        assertThatThrownBy(() -> write(line("0", "1.00"), bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 (endToEndId E1) creditorName is required");
    }

    @Test
    void shouldRejectARemittanceLongerThan140InsteadOfTruncatingIt() {
        // given
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲", "1", null, null, "资".repeat(141));

        // when / then
        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (endToEndId E1) remittance is 141 characters long, at most 140");
    }

    @Test
    void shouldRejectAnAccountLongerThanTheSchemaAllows() {
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲", "1".repeat(35), null, null, null);

        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("creditorAccount is 35 characters long, at most 34");
    }

    @Test
    void shouldRejectABankCodeThatIsNotATwelveDigitCnapsCode() {
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲", "1", "招商银行", "30858400001", null);

        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (endToEndId E1) creditorBankCode is not a 12-digit CNAPS bank code");
    }

    @Test
    void shouldRejectAMalformedDebtorBic() {
        Debtor bad = new Debtor("深圳市财政专户", "1", "建设银行", null, "pcbc-cn");

        assertThatThrownBy(() -> write(bad, List.of(line("1", "1.00"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("debtor bic is not a BIC");
    }

    @Test
    void shouldRejectADebtorBankThatCannotBeIdentified() {
        Debtor bad = new Debtor("深圳市财政专户", "1", " ", null, null);

        assertThatThrownBy(() -> write(bad, List.of(line("1", "1.00"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("debtor bank needs a bic, a CNAPS bankCode or a bankName");
    }

    @Test
    void shouldRejectADuplicateInstructionId() {
        Line again = new Line("I1", "E9", new BigDecimal("1.00"), "甲", "1", null, null, null);

        assertThatThrownBy(() -> write(line("1", "1.00"), again))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 (endToEndId E9): instructionId I1 duplicates line 1");
    }

    @Test
    void shouldRejectCharactersThatXmlCannotCarry() {
        Line bad = new Line("I1", "E1", new BigDecimal("1.00"), "甲\u0001乙", "1", null, null, null);

        assertThatThrownBy(() -> write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("creditorName contains a character not allowed in XML (U+0001) at position 2");
    }
}

package cn.grants.domain.payouts.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The official ISO 20022 schema of pain.001.001.09, unpacked by the build (see domain/pom.xml) and checked against
 * its pinned SHA-256 before use: a test validates a produced file against the real schema, not a hand-written list.
 */
public final class Pain001Schema {

    static final String LOCATION = "/iso20022/pain.001.001.09.xsd";
    static final String SHA_256 = "de038b373e47b0077b1832ddd81f4b2f1eb25d35721f62da1e38b7f5a09fda24";

    private static Schema schema;

    private Pain001Schema() {
    }

    /** Throws {@link SAXException} naming the first element or value the schema refuses. */
    public static void validate(byte[] document) throws SAXException, IOException {
        load().newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }

    static synchronized Schema load() {
        if (schema == null) {
            try (InputStream in = Pain001Schema.class.getResourceAsStream(LOCATION)) {
                if (in == null) {
                    throw new IllegalStateException(LOCATION + " is not on the test classpath (see domain/pom.xml)");
                }
                byte[] xsd = in.readAllBytes();
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xsd));
                if (!SHA_256.equals(actual)) {
                    throw new IllegalStateException(LOCATION + " has SHA-256 " + actual + ", pinned " + SHA_256);
                }
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                schema = factory.newSchema(new StreamSource(new ByteArrayInputStream(xsd)));
            } catch (IOException | SAXException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("the pain.001.001.09 schema at " + LOCATION + " cannot be read", e);
            }
        }
        return schema;
    }
}

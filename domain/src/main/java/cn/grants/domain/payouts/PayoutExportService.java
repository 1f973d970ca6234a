package cn.grants.domain.payouts;

import cn.grants.domain.documents.ObjectStore;
import cn.grants.domain.money.Money;
import cn.grants.domain.payouts.export.Pain001Writer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports the payment instructions not yet sent to the bank as one ISO 20022 pain.001 credit transfer file, paid
 * from the fund's account ({@code grants.payer.*}). Each instruction goes into exactly one file: the export claims
 * its instructions under row locks ({@code FOR UPDATE SKIP LOCKED}), so exports running at the same time never share
 * one, and marks them with the file's message id in the same transaction. Every file is kept in object storage with
 * its SHA-256 and can be downloaded again. Instructions of a case in clawback, stopped or rejected are held back; an
 * instruction with a field the format refuses is left out with the reason, never blocking the others.
 */
@Service
public class PayoutExportService {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String FOLDER = "payment-files/";

    private final PayoutRepository payouts;
    private final PaymentFileRepository files;
    private final ObjectStore store;
    private final Clock clock;
    private final Pain001Writer.Debtor debtor;
    private final int maxPerFile;

    public PayoutExportService(PayoutRepository payouts, PaymentFileRepository files, ObjectStore store, Clock clock,
            @Value("${grants.payer.name:深圳市工业和信息化局专项资金账户}") String name,
            @Value("${grants.payer.account:440300000000000000001}") String account,
            @Value("${grants.payer.bank:国家金库深圳分库}") String bank,
            @Value("${grants.payer.bank-code:011584000017}") String bankCode,
            @Value("${grants.payer.max-per-file:10000}") int maxPerFile) {
        this.payouts = payouts;
        this.files = files;
        this.store = store;
        this.clock = clock;
        this.debtor = new Pain001Writer.Debtor(name, account, bank, bankCode, null);
        this.maxPerFile = maxPerFile;
    }

    /** An instruction left out of a file, and why. */
    public record Skipped(UUID payoutId, UUID caseId, int tranche, String reason) {
    }

    public record Export(PaymentFile file, List<Skipped> skipped) {
        public String messageId() {
            return file.getMessageId();
        }

        public int count() {
            return file.getTransactions();
        }
    }

    /** Nothing could be exported: none waits, or every one waiting has a field the format refuses. */
    public static class NothingToExportException extends RuntimeException {
        private final List<Skipped> skipped;

        NothingToExportException(List<Skipped> skipped) {
            super(skipped.isEmpty() ? "no approved payout is waiting for export"
                    : skipped.size() + " payouts wait for export, but none can be written: " + skipped);
            this.skipped = skipped;
        }

        public List<Skipped> skipped() {
            return skipped;
        }
    }

    /**
     * Writes the file of the instructions waiting for export (at most {@code grants.payer.max-per-file}).
     *
     * @throws NothingToExportException when there is nothing to export
     */
    @Transactional
    public Export export(String by) {
        List<Payout> claimed = payouts.claimForExport(maxPerFile);
        List<Payout> included = new ArrayList<>();
        List<Pain001Writer.Line> lines = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Payout p : claimed) {
            Pain001Writer.Line line = line(p);
            Optional<String> problem = Pain001Writer.problem(line);
            if (problem.isPresent()) {
                skipped.add(new Skipped(p.getId(), p.getCaseId(), p.getTranche(), problem.get()));
            } else {
                included.add(p);
                lines.add(line);
            }
        }
        if (included.isEmpty()) {
            throw new NothingToExportException(skipped);
        }
        Instant now = clock.instant();
        String messageId = "PAIN-" + now.atZone(BEIJING).toLocalDateTime().toString().replaceAll("[^0-9]", "")
                .substring(0, 14) + "-" + UUID.randomUUID().toString().substring(0, 8);
        BigDecimal controlSum = included.stream().map(p -> Money.round(p.getAmount()))
                .reduce(Money.ZERO, BigDecimal::add);
        String key = FOLDER + messageId + ".xml";
        // streamed through a temporary file (memory stays flat however many payments), its SHA-256 taken on the way;
        // the object first: should the commit fail, an unknown object stays behind, never a file the records miss
        Path temporary = null;
        String sha256;
        try {
            temporary = Files.createTempFile("pain001-", ".xml");
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                new Pain001Writer().write(messageId, now.atZone(BEIJING).toOffsetDateTime(),
                        LocalDate.ofInstant(now, BEIJING), debtor, lines, out);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            try (InputStream in = Files.newInputStream(temporary)) {
                store.put(key, in, Files.size(temporary), "application/xml");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write payment file " + messageId, e);
        } finally {
            deleteQuietly(temporary);
        }
        PaymentFile file = files.saveAndFlush(new PaymentFile(messageId, now, by, included.size(), controlSum,
                sha256, key, skipped.isEmpty() ? null : skipped.toString()));
        included.forEach(p -> p.exported(messageId, now));
        return new Export(file, skipped);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a temporary file left behind holds nothing the stored object does not
            }
        }
    }

    @Transactional(readOnly = true)
    public List<PaymentFile> files() {
        return files.findByOrderByCreatedAtDesc();
    }

    /**
     * The file as it was written, checked against its recorded SHA-256.
     *
     * @throws java.util.NoSuchElementException when no such file was written
     * @throws IllegalStateException when the stored object does not match its checksum
     */
    @Transactional(readOnly = true)
    public Export download(String messageId) {
        PaymentFile file = files.findById(messageId)
                .orElseThrow(() -> new java.util.NoSuchElementException("no payment file " + messageId));
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(store.get(file.getObjectKey()), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(file.getSha256())) {
            throw new IllegalStateException("the stored payment file " + messageId + " does not match its SHA-256 "
                    + file.getSha256());
        }
        return new Export(file, List.of());
    }

    /** The content of a written file, streamed from object storage (the caller closes it). */
    public InputStream content(PaymentFile file) {
        return store.get(file.getObjectKey());
    }

    private static Pain001Writer.Line line(Payout p) {
        String id = p.getId().toString().replace("-", "");
        return new Pain001Writer.Line(id, id, p.getAmount(), p.getPayeeName(), p.getPayeeAccount(), p.getPayeeBank(),
                p.getPayeeBankCode(), "资助拨付 grant " + p.getCaseId() + " 第" + p.getTranche() + "期 tranche "
                        + p.getTranche());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.grants.domain.payouts;

import cn.grants.domain.payouts.export.Pain001Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports the approved payment instructions not yet sent to the bank as one ISO 20022 pain.001 credit transfer
 * batch, paid from the fund's account ({@code grants.payer.*}); the instructions are marked with the message id so
 * that the next export does not carry them again.
 */
@Service
public class PayoutExportService {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final PayoutRepository payouts;
    private final Clock clock;
    private final Pain001Writer.Debtor debtor;

    public PayoutExportService(PayoutRepository payouts, Clock clock,
            @Value("${grants.payer.name:深圳市工业和信息化局专项资金账户}") String name,
            @Value("${grants.payer.account:440300000000000000001}") String account,
            @Value("${grants.payer.bank:国家金库深圳分库}") String bank,
            @Value("${grants.payer.bank-code:011584000017}") String bankCode) {
        this.payouts = payouts;
        this.clock = clock;
        this.debtor = new Pain001Writer.Debtor(name, account, bank, bankCode, null);
    }

    public record Export(String messageId, int count, byte[] xml) {
    }

    /** @return the export, or null when there is nothing new to export */
    @Transactional
    public Export exportPending() {
        List<Payout> pending = payouts.findByExportedAtIsNullAndPayeeAccountIsNotNullOrderByCreatedAtAsc();
        if (pending.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        String messageId = "PAIN-" + now.atZone(BEIJING).toLocalDateTime().toString().replaceAll("[^0-9]", "")
                .substring(0, 14) + "-" + pending.get(0).getId().toString().substring(0, 8);
        List<Pain001Writer.Line> lines = pending.stream().map(p -> new Pain001Writer.Line(
                p.getId().toString().replace("-", ""), p.getId().toString().replace("-", ""), p.getAmount(),
                p.getPayeeName(), p.getPayeeAccount() == null ? "" : p.getPayeeAccount(), p.getPayeeBank(),
                p.getPayeeBankCode(), "资助拨付 grant " + p.getCaseId() + " 第" + p.getTranche() + "期 tranche "
                        + p.getTranche()))
                .toList();
        byte[] xml = new Pain001Writer().write(messageId, now.atZone(BEIJING).toOffsetDateTime(),
                LocalDate.ofInstant(now, BEIJING), debtor, lines);
        pending.forEach(p -> p.exported(messageId, now));
        return new Export(messageId, pending.size(), xml);
    }
}

package cn.grants.domain.payouts;

import cn.grants.domain.cases.MoneyEffect;
import cn.grants.domain.cases.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PayoutRepository extends JpaRepository<Payout, UUID> {

    /** Creates the instruction unless one with the same key (or for the same case and tranche) exists. */
    @Modifying
    @Query(value = """
            insert into payout (id, case_id, tranche, amount, payee_name, payee_credit_code, status, idempotency_key,
                                created_at, payee_account, payee_bank, payee_bank_code)
            values (?1, ?2, ?3, ?4, ?5, ?6, 'INSTRUCTED', ?7, ?8, ?9, ?10, ?11) on conflict do nothing
            """, nativeQuery = true)
    int instruct(UUID id, UUID caseId, int tranche, BigDecimal amount, String payeeName, String payeeCreditCode,
            String idempotencyKey, Instant createdAt, String payeeAccount, String payeeBank, String payeeBankCode);

    /**
     * Claims the instructions to export, oldest first, locked until the transaction ends: an export running at the
     * same time skips them, so every instruction goes into one file only. Held back: instructions without a payee
     * account, those of a case with a clawback demand, and those of a case at a stage that holds back payments
     * ({@link MoneyEffect#holdsBackPayments()}: in clawback, clawed back, stopped, rejected or lapsed) before its
     * export.
     */
    default List<Payout> claimForExport(int limit) {
        return claimForExport(limit, Stage.where(s -> s.money().holdsBackPayments()).stream().map(Stage::name).toList());
    }

    /** As {@link #claimForExport(int)}, holding back the instructions of cases at these stages. */
    @Query(value = """
            select p.* from payout p join grant_case c on c.id = p.case_id
            where p.exported_at is null and p.payee_account is not null
              and c.clawback_amount is null and c.current_stage not in (?2)
            order by p.created_at, p.id
            limit ?1
            for update of p skip locked
            """, nativeQuery = true)
    List<Payout> claimForExport(int limit, List<String> heldBackStages);

    List<Payout> findByExportMessageIdOrderByCreatedAtAsc(String messageId);

    Optional<Payout> findByCaseIdAndTranche(UUID caseId, int tranche);

    List<Payout> findByCaseIdOrderByTrancheAsc(UUID caseId);

    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<Payout> findByCaseIdInOrderByTrancheAsc(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from payout t where t.case_id = any(cast(?1 as uuid[])) order by t.tranche
            """, nativeQuery = true)
    List<Payout> ofCases(UUID[] caseIds);

    @Query("select coalesce(sum(p.amount), 0) from Payout p where p.caseId = ?1")
    BigDecimal totalPaid(UUID caseId);
}

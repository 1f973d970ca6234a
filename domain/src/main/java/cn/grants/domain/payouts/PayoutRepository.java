package cn.grants.domain.payouts;

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

    /** Instructions not yet exported to the bank, oldest first (instructions made before payee accounts were recorded cannot be exported). */
    List<Payout> findByExportedAtIsNullAndPayeeAccountIsNotNullOrderByCreatedAtAsc();

    List<Payout> findByExportMessageIdOrderByCreatedAtAsc(String messageId);

    Optional<Payout> findByCaseIdAndTranche(UUID caseId, int tranche);

    List<Payout> findByCaseIdOrderByTrancheAsc(UUID caseId);

    @Query("select coalesce(sum(p.amount), 0) from Payout p where p.caseId = ?1")
    BigDecimal totalPaid(UUID caseId);
}

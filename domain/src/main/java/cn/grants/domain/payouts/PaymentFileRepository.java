package cn.grants.domain.payouts;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaymentFileRepository extends JpaRepository<PaymentFile, String> {

    List<PaymentFile> findByOrderByCreatedAtDesc();
}

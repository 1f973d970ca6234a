package cn.grants.domain.catalogue;

import java.math.BigDecimal;

/**
 * A cap on what one platform or project receives under a measure across all its applications and years
 * ("单个平台资助金额不超过3000万元", "单个项目资助金额不超过300万元"): a platform applying in phases never passes it.
 *
 * @param key what is capped: the enterprise's PLATFORM or PROJECT (the application's subject)
 * @param amount the cap in yuan
 * @param quote the seed's words
 */
public record CumulativeCap(OverlapGroups.Key key, BigDecimal amount, String quote) {

    /** "单个平台" / "单个项目", as the explanation names it. */
    public String label() {
        return switch (key) {
            case PLATFORM -> "单个平台累计上限 per-platform cap";
            case PROJECT -> "单个项目累计上限 per-project cap";
            case PRODUCT -> "单个产品累计上限 per-product cap";
            case PARK -> "单个园区累计上限 per-park cap";
            case ENTERPRISE -> "单个企业累计上限 per-enterprise cap";
        };
    }
}

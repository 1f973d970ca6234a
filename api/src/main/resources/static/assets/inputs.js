// The figures a measure takes, as form fields, and back into the API's "inputs" object.
import { el, lang } from '/assets/app.js';

const LABELS = {
  INVESTMENT: ['项目投资额（元）', 'Project investment (yuan)'],
  FIXED_ASSET_INVESTMENT: ['固定资产投资额（元）', 'Fixed-asset investment (yuan)'],
  AUDITED_COST: ['专项审计确认费用（元）', 'Audited eligible cost (yuan)'],
  ACTUAL_INPUT: ['实际投入（元）', 'Actual input (yuan)'],
  SALES: ['销售额（元）', 'Sales (yuan)'],
  PURCHASE_AMOUNT: ['采购金额（元）', 'Purchase amount (yuan)'],
  OPERATING_COST: ['运营费用（元）', 'Operating cost (yuan)'],
  MARKET_PRICE: ['单台市场价格（元）', 'Market price per unit (yuan)'],
  UNITS: ['台（套）数', 'Units'],
  CONTRACT_RECEIPTS: ['合同到账金额（元，最多3份）', 'Contract receipts (yuan, at most 3)'],
  SUPERIOR_FUNDS_DISBURSED: ['上级资金到位金额（元）', 'Superior funds disbursed (yuan)'],
  INTEREST: ['实际支付利息（元）', 'Interest paid (yuan)'],
  TIER: ['奖励等级', 'Award tier'],
};

export function inputLabel(code) {
  const l = LABELS[code];
  return l ? l[lang() === 'zh' ? 0 : 1] : code;
}

/** Builds the fields of a measure's inputs into the container; returns a function reading them back. */
export function inputFields(measure, container, initial = {}) {
  container.replaceChildren();
  const readers = [];
  for (const spec of measure.inputs) {
    const id = 'input-' + spec.code;
    container.append(el('label', { for: id }, inputLabel(spec.code)));
    if (spec.kind === 'TIER') {
      const tiers = (measure.rule && measure.rule.tiers) || spec.tiers.map(code => ({ code, name: code }));
      const select = el('select', { id, name: spec.code },
        tiers.map(tier => el('option', { value: tier.code }, tier.name + (tier.amount ? ' · ¥' + tier.amount : ''))));
      if (initial[spec.code]) select.value = initial[spec.code];
      container.append(select);
      readers.push(o => { o[spec.code] = select.value; });
    } else if (spec.kind === 'AMOUNT_LIST') {
      const boxes = [0, 1, 2].map(i => el('input', { id: id + '-' + i, inputmode: 'decimal', placeholder: '0.00',
        value: (initial[spec.code] || [])[i] || '' }));
      container.append(el('div', { class: 'row' }, boxes));
      readers.push(o => { o[spec.code] = boxes.map(b => b.value.trim()).filter(v => v); });
    } else {
      const input = el('input', { id, name: spec.code, inputmode: spec.kind === 'COUNT' ? 'numeric' : 'decimal',
        placeholder: spec.kind === 'COUNT' ? '0' : '0.00', value: initial[spec.code] ?? '' });
      container.append(input);
      readers.push(o => { const v = input.value.trim(); if (v !== '') o[spec.code] = v; });
    }
  }
  return () => { const o = {}; readers.forEach(r => r(o)); return o; };
}

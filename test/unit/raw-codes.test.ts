/** The browser tests' check that no visible text is a raw code (test/support/browser.ts): what it finds and what it lets be. */
import { rawCodesIn } from '../support/browser';

describe('raw codes in what a person reads', () => {
  it('finds enum values, department identifiers and codes the labels did not know', () => {
    expect(rawCodesIn('家访 · MET_FAMILY')).toEqual(['MET_FAMILY']);
    expect(rawCodesIn('状态：DROPPED_OUT；结果 REFUSED')).toEqual(['DROPPED_OUT', 'REFUSED']);
    expect(rawCodesIn('交办给 community')).toEqual(['community']);
    expect(rawCodesIn('任务 ACTED')).toEqual(['ACTED']);
    expect(rawCodesIn('类别 ⟨PHONE⟩')).toEqual(['⟨PHONE⟩']);
  });

  it('lets words, names, dates, numbers and masked ID numbers be', () => {
    expect(rawCodesIn('家访：见到家长 · 街道/社区 · 已办结 · 办结期限 2026-12-05 · 450204********1234 · 柳南区第三初级中学 8年级1班')).toEqual([]);
  });
});

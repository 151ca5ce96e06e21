import { describe, expect, it } from 'vitest';
import { maskLogin, normaliseLogin } from '../../src/applicants/applicant-login.ts';

describe('an applicant login', () => {
  it('normalises mobile numbers and e-mail addresses to one stored form', () => {
    for (const typed of [
      '13812345678',
      ' 138 1234 5678 ',
      '138-1234-5678',
      '+86 138 1234 5678',
      '8613812345678',
      '１３８１２３４５６７８',
    ])
      expect(normaliseLogin(typed)).toEqual({ ok: true, login: '13812345678', kind: 'mobile' });
    expect(normaliseLogin(' Zhang.San@Example.CN ')).toEqual({
      ok: true,
      login: 'zhang.san@example.cn',
      kind: 'email',
    });
  });

  it('refuses what is neither, saying what is wrong in Chinese', () => {
    expect(normaliseLogin('')).toEqual({ ok: false, message: '请填写手机号码或电子邮箱' });
    expect(normaliseLogin('12345')).toMatchObject({ ok: false, message: expect.stringContaining('11 位') });
    expect(normaliseLogin('23812345678')).toMatchObject({
      ok: false,
      message: expect.stringContaining('以 1 开头'),
    });
    expect(normaliseLogin('138123456789')).toMatchObject({
      ok: false,
      message: expect.stringContaining('11 位'),
    });
    expect(normaliseLogin('zhang@')).toMatchObject({
      ok: false,
      message: expect.stringContaining('电子邮箱格式'),
    });
    expect(normaliseLogin('张三')).toEqual({ ok: false, message: '请填写手机号码或电子邮箱' });
  });

  it('is masked for the audit log', () => {
    expect(maskLogin('13812345678')).toBe('138****5678');
    expect(maskLogin('zhang.san@example.cn')).toBe('z***@example.cn');
  });
});

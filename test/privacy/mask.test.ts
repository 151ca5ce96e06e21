import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPersonalFields,
  maskPhone,
} from '../../src/privacy/mask.ts';

describe('masks', () => {
  it('ID numbers keep the region code and the last four', () => {
    expect(maskIdNumber('410102199001011234')).toBe('4101**********1234');
    expect(maskIdNumber('41010219900101123X')).toBe('4101**********123X');
    expect(maskIdNumber('410102900101123')).toBe('4101*******1123');
    expect(maskIdNumber('1234')).toBe('***4');
  });

  it('phones keep the first three and the last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0371-23798902')).toBe('037******8902');
    expect(maskPhone('110')).toBe('*10');
  });

  it('addresses keep the administrative divisions only', () => {
    expect(maskAddress('河南省开封市鼓楼区包公湖北路39号')).toBe('河南省开封市鼓楼区****');
    expect(maskAddress('包公湖北路39号503房间')).toBe('包公湖北****');
    expect(maskAddress('')).toBe('');
  });

  it('names keep the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('张')).toBe('*');
  });
});

describe('e-mail addresses', () => {
  it('keep the first character and the domain', () => {
    expect(maskEmail('zhangsan@example.cn')).toBe('z***@example.cn');
    expect(maskEmail('not-an-address')).toBe('******');
  });
  it('and an application in the audit log has its name and e-mail masked', () => {
    expect(
      maskPersonalFields({ applicantName: '王小明', email: 'wxm@example.com', description: '低保名单' }),
    ).toEqual({ applicantName: '王**', email: 'w***@example.com', description: '低保名单' });
  });
});

describe('maskPersonalFields', () => {
  it('masks known keys at any depth and removes passwords entirely', () => {
    const input = {
      name: '鼓楼区民政局',
      idNumber: '410102199001011234',
      password: 'x',
      passwordHash: 'y',
      people: [{ phone: '13812345678', address: '河南省开封市鼓楼区某路1号', note: '不变' }],
      nested: { currentPassword: 'a', newPassword: 'b', phone: null },
    };
    expect(maskPersonalFields(input)).toEqual({
      name: '鼓楼区民政局',
      idNumber: '4101**********1234',
      people: [{ phone: '138****5678', address: '河南省开封市鼓楼区****', note: '不变' }],
      nested: { phone: null },
    });
    expect(input.password).toBe('x');
  });

  it('leaves other values alone', () => {
    expect(maskPersonalFields(null)).toBeNull();
    expect(maskPersonalFields([1, 'a'])).toEqual([1, 'a']);
    expect(maskPersonalFields({ phone: '' })).toEqual({ phone: '' });
  });
});

import { expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.ts';
import { ancestors, getAgency, listAgencies, subtreeIds } from '../../src/orgs/agency.repository.ts';
import { agencyTree } from '../../src/orgs/agency-tree.ts';
import { createAgency } from '../../src/orgs/create-agency.ts';
import { updateAgency } from '../../src/orgs/update-agency.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

describeEachDatabase('agencies', (db) => {
  it('keeps a materialised path and answers subtree and ancestor queries', async () => {
    const city = await makeAgency(db(), { level: 'city' });
    const county = await makeAgency(db(), { parentId: city.id });
    const bureau = await makeAgency(db(), { parentId: county.id, kind: 'department' });
    const sibling = await makeAgency(db(), { parentId: city.id });

    expect(city.path).toBe(`/${city.id}/`);
    expect(bureau.path).toBe(`/${city.id}/${county.id}/${bureau.id}/`);
    expect((await subtreeIds(db(), county.id)).sort()).toEqual([county.id, bureau.id].sort());
    expect((await subtreeIds(db(), city.id)).sort()).toEqual(
      [city.id, county.id, bureau.id, sibling.id].sort(),
    );
    expect((await ancestors(db(), bureau.id)).map((a) => a.id)).toEqual([city.id, county.id]);
    expect(await ancestors(db(), city.id)).toEqual([]);
  });

  it('lists parents before children and nests them as a tree', async () => {
    const root = await makeAgency(db());
    const a = await makeAgency(db(), { parentId: root.id });
    const b = await makeAgency(db(), { parentId: root.id });
    const a1 = await makeAgency(db(), { parentId: a.id });

    const ids = (await listAgencies(db())).map((x) => x.id);
    expect(ids.indexOf(root.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(a1.id));

    const node = (await agencyTree(db())).find((n) => n.id === root.id);
    expect(node?.children.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(node?.children[0]?.children.map((c) => c.id)).toEqual([a1.id]);
  });

  it('stores contact details, with empty fields as null', async () => {
    const agency = await makeAgency(db(), {
      shortName: '',
      contact: { postcode: '475000', phone: '0371-23798902', email: 'gk@example.gov.cn', fax: '' },
    });
    expect(agency.shortName).toBeNull();
    expect(agency.contact).toMatchObject({
      postcode: '475000',
      phone: '0371-23798902',
      fax: null,
      address: null,
    });
  });

  it('refuses bad input with Chinese messages naming the field', async () => {
    const error = await createAgency(db(), {
      name: '  ',
      kind: 'government',
      level: 'county',
      contact: { postcode: '4750' },
      actor: TEST_ACTOR,
    }).catch((e: unknown) => e);
    expect(isAppError(error, 'VALIDATION')).toBe(true);
    if (!isAppError(error)) return;
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: '机关名称不能为空' },
        { field: 'contact.postcode', message: '邮政编码格式不正确，应为 6 位数字' },
      ]),
    );
  });

  it('refuses a second agency of the same name under one parent, roots included', async () => {
    const root = await makeAgency(db());
    await makeAgency(db(), { parentId: root.id, name: '同名局' });
    await expect(makeAgency(db(), { parentId: root.id, name: '同名局' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(makeAgency(db(), { name: root.name })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(makeAgency(db(), { parentId: 999_999 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('updates fields and moves a whole subtree to a new parent', async () => {
    const root = await makeAgency(db());
    const a = await makeAgency(db(), { parentId: root.id });
    const b = await makeAgency(db(), { parentId: root.id });
    const a1 = await makeAgency(db(), { parentId: a.id });

    const moved = await updateAgency(db(), a.id, {
      parentId: b.id,
      contact: { phone: '0371-1234567' },
      actor: TEST_ACTOR,
    });
    expect(moved.path).toBe(`${b.path}${a.id}/`);
    expect(moved.contact.phone).toBe('0371-1234567');
    expect((await getAgency(db(), a1.id)).path).toBe(`${b.path}${a.id}/${a1.id}/`);
    expect((await subtreeIds(db(), b.id)).sort()).toEqual([b.id, a.id, a1.id].sort());

    await expect(updateAgency(db(), b.id, { parentId: a1.id, actor: TEST_ACTOR })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'parentId', message: '不能把机关移到它自己或它的下级机关之下' }],
    });
    await expect(updateAgency(db(), 999_999, { name: 'x', actor: TEST_ACTOR })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('leaves fields absent from a patch as they were', async () => {
    const agency = await makeAgency(db(), {
      shortName: '简称',
      contact: { email: 'a@b.cn', phone: '0371-1' },
    });
    const after = await updateAgency(db(), agency.id, { contact: { email: null }, actor: TEST_ACTOR });
    expect(after).toMatchObject({ shortName: '简称', contact: { email: null, phone: '0371-1' } });
  });
});

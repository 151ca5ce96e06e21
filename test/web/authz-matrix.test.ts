import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppealCase } from '../../src/appeals/appeal-cases.ts';
import { stageImport } from '../../src/applications/import/application-imports.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { createItem } from '../../src/disclosure/disclosure-items.ts';
import { issueLetter } from '../../src/letters/issue-letter.ts';
import { LetterPdf } from '../../src/letters/letter-pdf.ts';
import type { Role } from '../../src/orgs/role.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { recordWorkRecord } from '../../src/work-records/work-records.ts';
import { testDatabases } from '../support/databases.ts';
import { type MadeUser, makeUser, TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { anonymousBrowser, type Browser, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

/**
 * Every workbench and API route × every kind of visitor → the exact status. A route that is
 * registered under /workbench or /api without a row here fails the test, and so does a row
 * for a route that no longer exists.
 *
 * Visitors: anonymous; one user per role over 鼓楼区人民政府; the admin of 鼓楼区教育局 only.
 * Targets (`:id`): 鼓楼区人民政府 (gulou), 鼓楼区教育局 under it (edu), 龙亭区人民政府 beside it
 * (other, outside everyone's subtree) and an id that does not exist (missing). For the user
 * routes, `:id` is a user belonging to that agency.
 */
const VISITORS = [
  'anonymous',
  'admin',
  'registrar',
  'handler',
  'approver',
  'publisher',
  'viewer',
  'eduAdmin',
] as const;
type Target = 'gulou' | 'edu' | 'other' | 'missing';
type Fields = Record<string, string | string[]>;

interface Row {
  readonly route: string;
  readonly target?: Target;
  readonly expect: readonly [number, number, number, number, number, number, number, number];
  /** The `:action` of a route that has one. */
  readonly action?: string;
  /** The form sent with a POST: valid, so that a permitted visitor succeeds. */
  readonly body?: (ctx: Context) => Fields;
  /** The JSON body of an API write (sent with the X-CSRF-Token header instead of `_csrf`). */
  readonly json?: (ctx: Context) => Record<string, unknown>;
  /** A query string after the path (`:id` in it is the target too), e.g. '?agency=:id&year=2019'. */
  readonly query?: string;
}

interface Context {
  readonly h: Hierarchy;
  readonly agencyIds: Record<Target, number>;
  readonly unique: () => string;
  /** Today in Beijing: the receipt and event dates of the forms. */
  readonly today: string;
}

const applicationForm = (today: string): Fields => ({
  channel: 'letter',
  arrivedOn: today,
  receivedOn: today,
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '2023年度最低生活保障资金发放情况',
  formWanted: 'paper',
});

const agencyForm = (name: string): Fields => ({
  name,
  kind: 'department',
  level: 'county',
  'contact.phone': '0371-1234567',
});

/** A new report year for each creation in the matrix (2008 … 2018, never twice in a row's eight visitors). */
let reportYearCounter = 0;
const reportYear = (): number => 2008 + (reportYearCounter++ % 11);

// prettier-ignore
const MATRIX: readonly Row[] = [
  //                                                                anon admin reg  hand appr pub  view eduAdmin
  { route: 'GET /workbench', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /workbench/login', expect: [200, 302, 302, 302, 302, 302, 302, 302] },
  {
    route: 'POST /workbench/login',
    expect: [401, 401, 401, 401, 401, 401, 401, 401],
    body: () => ({ username: 'nobody', password: 'wrong-password-1' }),
  },
  { route: 'POST /workbench/logout', expect: [303, 303, 303, 303, 303, 303, 303, 303] },
  { route: 'GET /workbench/password', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  {
    route: 'POST /workbench/password',
    expect: [302, 400, 400, 400, 400, 400, 400, 400],
    body: () => ({
      currentPassword: 'not-the-password-1',
      newPassword: 'Another12345',
      confirmPassword: 'Another12345',
    }),
  },
  { route: 'GET /workbench/agencies', expect: [302, 200, 200, 200, 200, 200, 200, 200] },

  { route: 'GET /workbench/agencies/:id', target: 'gulou', expect: [302, 200, 403, 403, 403, 403, 403, 403] },
  { route: 'GET /workbench/agencies/:id', target: 'edu', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  { route: 'GET /workbench/agencies/:id', target: 'other', expect: [302, 403, 403, 403, 403, 403, 403, 403] },
  {
    route: 'GET /workbench/agencies/:id',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
  },

  {
    route: 'POST /workbench/agencies/:id',
    target: 'gulou',
    expect: [302, 303, 403, 403, 403, 403, 403, 403],
    body: () => agencyForm('鼓楼区人民政府'),
  },
  {
    route: 'POST /workbench/agencies/:id',
    target: 'edu',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: () => agencyForm('鼓楼区教育局'),
  },
  {
    route: 'POST /workbench/agencies/:id',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
    body: () => agencyForm('龙亭区人民政府'),
  },
  {
    route: 'POST /workbench/agencies/:id',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
    body: () => agencyForm('不存在的机关'),
  },

  {
    route: 'GET /workbench/agencies/:id/new',
    target: 'gulou',
    expect: [302, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /workbench/agencies/:id/new',
    target: 'edu',
    expect: [302, 200, 403, 403, 403, 403, 403, 200],
  },
  {
    route: 'GET /workbench/agencies/:id/new',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /workbench/agencies/:id/new',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
  },

  {
    route: 'POST /workbench/agencies/:id/children',
    target: 'gulou',
    expect: [302, 303, 403, 403, 403, 403, 403, 403],
    body: (c) => agencyForm(`新机关${c.unique()}`),
  },
  {
    route: 'POST /workbench/agencies/:id/children',
    target: 'edu',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: (c) => agencyForm(`新机关${c.unique()}`),
  },
  {
    route: 'POST /workbench/agencies/:id/children',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
    body: (c) => agencyForm(`新机关${c.unique()}`),
  },
  {
    route: 'POST /workbench/agencies/:id/children',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
    body: (c) => agencyForm(`新机关${c.unique()}`),
  },

  { route: 'GET /workbench/users', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  { route: 'GET /workbench/users/new', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  // The new user's agency comes in the form: it is the target here.
  ...(['gulou', 'edu', 'other', 'missing'] as const).map((target) => ({
    route: 'POST /workbench/users',
    target,
    expect: (
      {
        gulou: [302, 303, 403, 403, 403, 403, 403, 403],
        edu: [302, 303, 403, 403, 403, 403, 403, 303],
        other: [302, 403, 403, 403, 403, 403, 403, 403],
        missing: [302, 400, 403, 403, 403, 403, 403, 400],
      } as const
    )[target],
    body: (c: Context): Fields => ({
      username: `new.${c.unique()}`,
      displayName: '新用户',
      password: 'Password12345',
      agencyId: String(c.agencyIds[target]),
      roles: ['viewer'],
    }),
  })),

  { route: 'GET /workbench/users/:id', target: 'gulou', expect: [302, 200, 403, 403, 403, 403, 403, 403] },
  { route: 'GET /workbench/users/:id', target: 'edu', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  { route: 'GET /workbench/users/:id', target: 'other', expect: [302, 403, 403, 403, 403, 403, 403, 403] },
  { route: 'GET /workbench/users/:id', target: 'missing', expect: [302, 404, 404, 404, 404, 404, 404, 404] },

  {
    route: 'POST /workbench/users/:id/active',
    target: 'gulou',
    expect: [302, 303, 403, 403, 403, 403, 403, 403],
    body: () => ({ active: '1' }),
  },
  {
    route: 'POST /workbench/users/:id/active',
    target: 'edu',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: () => ({ active: '1' }),
  },
  {
    route: 'POST /workbench/users/:id/active',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
    body: () => ({ active: '1' }),
  },
  {
    route: 'POST /workbench/users/:id/active',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
    body: () => ({ active: '1' }),
  },

  {
    route: 'POST /workbench/users/:id/roles',
    target: 'gulou',
    expect: [302, 303, 403, 403, 403, 403, 403, 403],
    body: () => ({ roles: ['viewer'] }),
  },
  {
    route: 'POST /workbench/users/:id/roles',
    target: 'edu',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: () => ({ roles: ['viewer'] }),
  },
  {
    route: 'POST /workbench/users/:id/roles',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
    body: () => ({ roles: ['viewer'] }),
  },
  {
    route: 'POST /workbench/users/:id/roles',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
    body: () => ({ roles: ['viewer'] }),
  },

  {
    route: 'POST /workbench/users/:id/password-reset',
    target: 'gulou',
    expect: [302, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /workbench/users/:id/password-reset',
    target: 'edu',
    expect: [302, 200, 403, 403, 403, 403, 403, 200],
  },
  {
    route: 'POST /workbench/users/:id/password-reset',
    target: 'other',
    expect: [302, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /workbench/users/:id/password-reset',
    target: 'missing',
    expect: [302, 404, 404, 404, 404, 404, 404, 404],
  },

  { route: 'GET /workbench/audit', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  // Stored batch audits of published reports: any admin (a supervisor's view over public documents).
  { route: 'GET /workbench/audits', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  { route: 'GET /workbench/audits/:id', target: 'missing', expect: [302, 404, 403, 403, 403, 403, 403, 404] },
  {
    route: 'GET /workbench/audits/:id/export.csv',
    target: 'missing',
    expect: [302, 404, 403, 403, 403, 403, 403, 404],
  },
  {
    route: 'GET /workbench/audits/:id/export.xlsx',
    target: 'missing',
    expect: [302, 404, 403, 403, 403, 403, 403, 404],
  },
  // An upload for a batch audit in the background: any admin (here without files: 400).
  {
    route: 'POST /workbench/audits/upload',
    expect: [302, 400, 403, 403, 403, 403, 403, 400],
    body: () => ({ name: '矩阵测试' }),
  },

  // The working-day calendar is the whole system's: any admin may enter the next year's schedule.
  { route: 'GET /workbench/calendar', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  {
    route: 'POST /workbench/calendar',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: () => ({
      year: '2027',
      notices: '测试用安排',
      holidays: '2027-01-01/2027-01-03',
      makeUpWorkdays: '',
    }),
  },

  // Background jobs are the whole system's, like the calendar: any admin. The second admin's
  // recompute finds the first one waiting (303 too); `:id` is no job (404 once authorised).
  { route: 'GET /workbench/jobs', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  { route: 'POST /workbench/jobs/recompute', expect: [302, 303, 403, 403, 403, 403, 403, 303] },
  {
    route: 'POST /workbench/jobs/:id/retry',
    target: 'missing',
    expect: [302, 404, 403, 403, 403, 403, 403, 404],
  },
  {
    route: 'POST /workbench/jobs/:id/cancel',
    target: 'missing',
    expect: [302, 404, 403, 403, 403, 403, 403, 404],
  },

  // The catalogue (目录) and the guide (指南) of an agency: its publishers and admins.
  ...(['/workbench/agencies/:id/catalogue', '/workbench/agencies/:id/guide'] as const).flatMap((path) => [
    {
      route: `GET ${path}`,
      target: 'gulou' as const,
      expect: [302, 200, 403, 403, 403, 200, 403, 403] as const,
    },
    {
      route: `GET ${path}`,
      target: 'edu' as const,
      expect: [302, 200, 403, 403, 403, 200, 403, 200] as const,
    },
    {
      route: `GET ${path}`,
      target: 'other' as const,
      expect: [302, 403, 403, 403, 403, 403, 403, 403] as const,
    },
    {
      route: `GET ${path}`,
      target: 'missing' as const,
      expect: [302, 404, 404, 404, 404, 404, 404, 404] as const,
    },
  ]),
  ...(
    [
      ['gulou', [302, 303, 403, 403, 403, 303, 403, 403]],
      ['edu', [302, 303, 403, 403, 403, 303, 403, 303]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    {
      route: 'POST /workbench/agencies/:id/catalogue',
      target,
      expect,
      body: (c: Context) => ({ op: 'create', name: `分类${c.unique()}`, parentId: '' }),
    },
    {
      route: 'POST /workbench/agencies/:id/guide',
      target,
      expect,
      body: (c: Context) => ({ op: 'save', bodyHtml: `<h2>一、公开指南</h2><p>测试${c.unique()}</p>` }),
    },
  ]),

  // Proactive disclosure (主动公开): `:id` is an item of that agency, made before the run with a
  // title and a body. The publisher drafts, edits, uploads, sends to review, publishes and
  // withdraws; the publisher or the approver records the review; the approver approves. The rows
  // run in order on the same items: the admin's review request succeeds (303) and the later
  // ones meet the stage (409); the blank review and approval forms and the upload without a file
  // are refused (400) once authorised, so that nothing else changes.
  { route: 'GET /workbench/disclosure', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /workbench/disclosure/new', expect: [302, 200, 403, 403, 403, 200, 403, 200] },
  ...(
    [
      ['gulou', [302, 303, 403, 403, 403, 303, 403, 403]],
      ['edu', [302, 303, 403, 403, 403, 303, 403, 303]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 400, 403, 403, 403, 400, 403, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/disclosure/new',
    target,
    expect,
    body: (c: Context): Fields => ({
      agencyId: String(c.agencyIds[target]),
      title: `矩阵新建信息${c.unique()}`,
      bodyHtml: '<p>正文</p>',
    }),
  })),
  ...disclosureRows(
    'GET /workbench/disclosure/:id',
    ['admin', 'registrar', 'handler', 'approver', 'publisher', 'viewer'],
    200,
  ),
  ...disclosureRows('POST /workbench/disclosure/:id', ['admin', 'publisher'], 303, () => ({
    title: '矩阵测试信息',
    bodyHtml: '<p>矩阵测试正文</p>',
    channels: 'portal',
  })),
  ...disclosureRows('POST /workbench/disclosure/:id/attachments', ['admin', 'publisher'], 400),
  ...disclosureRows(
    'POST /workbench/disclosure/:id/review-request',
    ['admin', 'publisher'],
    409,
    undefined,
    303,
  ),
  ...disclosureRows('POST /workbench/disclosure/:id/review', ['admin', 'publisher', 'approver'], 400, () => ({
    result: '',
  })),
  ...disclosureRows('POST /workbench/disclosure/:id/approve', ['admin', 'approver'], 400, () => ({
    verdict: '',
  })),
  ...disclosureRows('POST /workbench/disclosure/:id/publish', ['admin', 'publisher'], 409),
  ...disclosureRows('POST /workbench/disclosure/:id/withdraw', ['admin', 'publisher'], 409),
  // Validity (废止): the items are not rules or normative documents, so a permitted visitor is refused (400).
  ...disclosureRows('POST /workbench/disclosure/:id/validity', ['admin', 'publisher'], 400, () => ({
    validity: 'repealed',
    repealedOn: '2024-01-01',
  })),
  // The search synonyms are the whole system's, like the calendar: any admin. The delete row names
  // a synonym that does not exist (404 once authorised), so that the matrix deletes nothing.
  { route: 'GET /workbench/disclosure/synonyms', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  {
    route: 'POST /workbench/disclosure/synonyms',
    expect: [302, 303, 403, 403, 403, 403, 403, 303],
    body: (c: Context) => ({ term: `矩阵${c.unique()}`, expansion: `矩阵测试全称${c.unique()}` }),
  },
  {
    route: 'POST /workbench/disclosure/synonyms/:id/delete',
    target: 'missing',
    expect: [302, 404, 403, 403, 403, 403, 403, 404],
  },
  // Release to all (Art. 44) from an application: its receiving agency's publishers and admins;
  // the applications here are not yet decided, so a permitted visitor meets a 409.
  ...(
    [
      ['gulou', [302, 409, 403, 403, 403, 409, 403, 404]],
      ['edu', [302, 409, 403, 403, 403, 409, 403, 409]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    { route: 'GET /workbench/applications/:id/release-to-all', target, expect },
    {
      route: 'POST /workbench/applications/:id/release-to-all',
      target,
      expect,
      body: (): Fields => ({ title: '矩阵转为主动公开', bodyHtml: '<p>正文</p>' }),
    },
  ]),

  // Applications: `:id` is an application received by that agency. One outside the visitor's
  // subtrees is a 404, so that its existence is not told.
  { route: 'GET /workbench/applications', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /workbench/applications/new', expect: [302, 200, 200, 403, 403, 403, 403, 200] },
  // The new application's agency comes in the form: it is the target here.
  ...(['gulou', 'edu', 'other', 'missing'] as const).map((target) => ({
    route: 'POST /workbench/applications',
    target,
    expect: (
      {
        gulou: [302, 201, 201, 403, 403, 403, 403, 403],
        edu: [302, 201, 201, 403, 403, 403, 403, 201],
        other: [302, 403, 403, 403, 403, 403, 403, 403],
        missing: [302, 400, 400, 403, 403, 403, 403, 400],
      } as const
    )[target],
    body: (c: Context): Fields => ({ ...applicationForm(c.today), agencyId: String(c.agencyIds[target]) }),
  })),
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 200, 200, 404]],
      ['edu', [302, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({ route: 'GET /workbench/applications/:id', target, expect })),
  ...(
    [
      ['gulou', [302, 303, 303, 303, 403, 403, 403, 404]],
      ['edu', [302, 303, 303, 303, 403, 403, 403, 303]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/applications/:id/events',
    target,
    expect,
    body: (c: Context): Fields => ({ type: 'consultationStarted', date: c.today }),
  })),
  // An extension is the approver's (and the admin's). The admin extends first, so the approver,
  // once authorised, meets the one-extension rule (400).
  ...(
    [
      ['gulou', [302, 303, 403, 403, 400, 403, 403, 404]],
      ['edu', [302, 303, 403, 403, 400, 403, 403, 400]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/applications/:id/events',
    target,
    expect,
    body: (c: Context): Fields => ({ type: 'extended', date: c.today, workingDays: '5' }),
  })),

  { route: 'GET /workbench/applications/export.csv', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  // The actions after intake, each a page: who may is the row; `ok` is what a permitted visitor
  // gets — 200 for the form; 409 for a form the application's stage does not allow yet; for the
  // POSTs a body that is refused (400), so that the matrix changes nothing.
  ...actionRows('assign', ['admin', 'registrar', 'approver'], 200, 400, { handlingAgencyId: '' }),
  ...actionRows('co-handlers', ['admin', 'registrar', 'approver'], 200, 400, { agencyId: '' }),
  ...actionRows('secrecy-review', ['admin', 'handler', 'approver'], 200, 400, { result: '' }),
  ...actionRows('decision', ['admin', 'handler', 'approver'], 200, 400, { outcome: 'granted' }),
  ...actionRows('approval', ['admin', 'approver'], 409, 400, { verdict: 'approve' }),
  ...actionRows('delivery', ['admin', 'handler', 'registrar'], 409, 400, { method: 'post' }),

  // Imports: `:id` is a pending import of that agency (a separate one for discard). Only the
  // agency's registrars and admins; the upload without a file is refused (400) once authorised.
  { route: 'GET /workbench/applications/import', expect: [302, 200, 200, 403, 403, 403, 403, 200] },
  {
    route: 'GET /workbench/applications/import/template.xlsx',
    expect: [302, 200, 200, 200, 200, 200, 200, 200],
  },
  ...(
    [
      ['gulou', [302, 400, 400, 403, 403, 403, 403, 403]],
      ['edu', [302, 400, 400, 403, 403, 403, 403, 400]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 400, 400, 403, 403, 403, 403, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/applications/import',
    target,
    expect,
    body: (c: Context): Fields => ({ agencyId: String(c.agencyIds[target]) }),
  })),
  ...(
    [
      ['gulou', [302, 200, 200, 403, 403, 403, 403, 404]],
      ['edu', [302, 200, 200, 403, 403, 403, 403, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({ route: 'GET /workbench/applications/import/:id', target, expect })),
  // The admin confirms; the registrar's second confirmation does nothing (303 too).
  ...(
    [
      ['gulou', [302, 303, 303, 403, 403, 403, 403, 404]],
      ['edu', [302, 303, 303, 403, 403, 403, 403, 303]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    { route: 'POST /workbench/applications/import/:id/confirm', target, expect },
    { route: 'POST /workbench/applications/import/:id/discard', target, expect },
  ]),

  // Article 20 registers: `:id` is the agency, `:year` 2019. Its publishers and admins; the form
  // sent blank changes nothing (303), the upload without a file and the confirmation without an
  // import are refused (400) once authorised.
  ...(
    [
      ['gulou', [302, 200, 403, 403, 403, 200, 403, 403]],
      ['edu', [302, 200, 403, 403, 403, 200, 403, 200]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => {
    const as = (ok: number) =>
      expect.map((status) => (status === 200 ? ok : status)) as unknown as Row['expect'];
    return [
      { route: 'GET /workbench/agencies/:id/registers/:year', target, expect },
      { route: 'POST /workbench/agencies/:id/registers/:year', target, expect: as(303) },
      { route: 'GET /workbench/agencies/:id/registers/import', target, expect },
      { route: 'POST /workbench/agencies/:id/registers/import', target, expect: as(400) },
      { route: 'POST /workbench/agencies/:id/registers/import/confirm', target, expect: as(400) },
    ];
  }),
  {
    route: 'GET /workbench/disclosure/asked-by-several',
    expect: [302, 200, 403, 403, 403, 200, 403, 200],
  },

  // Letters (文书): `:id` is an application of that agency, `:letterId` its receipt (made before the
  // run). Handlers and registrars issue (the body asks for a reply before any decision: 400, so
  // that the matrix stores nothing); they and the approver read. Templates: the agency's admin.
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 200, 200, 404]],
      ['edu', [302, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({ route: 'GET /workbench/applications/:id/letters', target, expect })),
  ...(
    [
      ['gulou', [302, 400, 400, 400, 403, 403, 403, 404]],
      ['edu', [302, 400, 400, 400, 403, 403, 403, 400]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/applications/:id/letters',
    target,
    expect,
    body: (): Fields => ({ kind: 'reply' }),
  })),
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 403, 403, 404]],
      ['edu', [302, 200, 200, 200, 200, 403, 403, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'GET /workbench/applications/:id/letters/:letterId/:format',
    target,
    expect,
  })),
  { route: 'GET /workbench/letter-templates', expect: [302, 200, 403, 403, 403, 403, 403, 200] },
  ...(
    [
      ['gulou', [302, 200, 403, 403, 403, 403, 403, 403]],
      ['edu', [302, 200, 403, 403, 403, 403, 403, 200]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    { route: 'GET /workbench/letter-templates/:agencyId/:kind', target, expect },
    {
      route: 'POST /workbench/letter-templates/:agencyId/:kind',
      target,
      // An unknown placeholder: refused (400) once authorised, so that nothing is saved.
      expect: expect.map((status) => (status === 200 ? 400 : status)) as unknown as Row['expect'],
      body: (): Fields => ({ intent: 'save', title: '受理回执', body: '{{申请编号}}{{收到日期}}{{未知}}' }),
    },
  ]),

  // Reconsideration and litigation cases (src/appeals): `:id` is a case of that agency, made before
  // the run. The agency and its supervisors see; its registrars, handlers and admins record. The
  // POSTs on a case send a blank form, refused (400) once authorised, so that nothing changes; a
  // new case names its agency in the form (the target) and is recorded (303).
  { route: 'GET /workbench/appeals', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /workbench/appeals/new', expect: [302, 200, 200, 200, 403, 403, 403, 200] },
  ...(
    [
      ['gulou', [302, 303, 303, 303, 403, 403, 403, 403]],
      ['edu', [302, 303, 303, 303, 403, 403, 403, 303]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 400, 400, 400, 403, 403, 403, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/appeals',
    target,
    expect,
    body: (c: Context): Fields => ({
      agencyId: String(c.agencyIds[target]),
      kind: 'reconsideration',
      body: '开封市人民政府',
      filedOn: c.today,
    }),
  })),
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 200, 200, 404]],
      ['edu', [302, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({ route: 'GET /workbench/appeals/:id', target, expect })),
  ...(
    [
      ['gulou', [302, 200, 200, 200, 403, 403, 403, 404]],
      ['edu', [302, 200, 200, 200, 403, 403, 403, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => {
    const refused = expect.map((status) => (status === 200 ? 400 : status)) as unknown as Row['expect'];
    return [
      { route: 'GET /workbench/appeals/:id/edit', target, expect },
      { route: 'POST /workbench/appeals/:id', target, expect: refused, body: (): Fields => ({ kind: '' }) },
      {
        route: 'POST /workbench/appeals/:id/response',
        target,
        expect: refused,
        body: (): Fields => ({ copyReceivedOn: '' }),
      },
      {
        route: 'POST /workbench/appeals/:id/result',
        target,
        expect: refused,
        body: (): Fields => ({ result: '' }),
      },
    ];
  }),

  // The case file (案卷) holds the applicant's data in clear: those who see it export it (an
  // application outside the visitor's subtrees is a 404).
  ...(
    [
      ['gulou', [302, 200, 200, 200, 403, 403, 403, 404]],
      ['edu', [302, 200, 200, 200, 403, 403, 403, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    { route: 'GET /workbench/applications/:id/case-file.pdf', target, expect },
    { route: 'GET /workbench/applications/:id/case-file.zip', target, expect },
  ]),

  // Work records for section 一: the agency's publishers and admins. `:id` is a record of that
  // agency; the deletion without its ticked box is refused (400) once authorised.
  { route: 'GET /workbench/work-records', expect: [302, 200, 403, 403, 403, 200, 403, 200] },
  ...(
    [
      ['gulou', [302, 303, 403, 403, 403, 303, 403, 403]],
      ['edu', [302, 303, 403, 403, 403, 303, 403, 303]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 400, 403, 403, 403, 400, 403, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/work-records',
    target,
    expect,
    body: (c: Context): Fields => ({
      agencyId: String(c.agencyIds[target]),
      kind: 'inspection',
      date: c.today,
      title: '矩阵测试检查',
    }),
  })),
  ...(
    [
      ['gulou', [302, 200, 403, 403, 403, 200, 403, 404]],
      ['edu', [302, 200, 403, 403, 403, 200, 403, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => {
    const as = (ok: number) =>
      expect.map((status) => (status === 200 ? ok : status)) as unknown as Row['expect'];
    return [
      { route: 'GET /workbench/work-records/:id', target, expect },
      {
        route: 'POST /workbench/work-records/:id',
        target,
        expect: as(303),
        body: (c: Context): Fields => ({ kind: 'inspection', date: c.today, title: '矩阵测试检查' }),
      },
      { route: 'GET /workbench/work-records/:id/delete', target, expect },
      { route: 'POST /workbench/work-records/:id/delete', target, expect: as(400) },
    ];
  }),

  // Annual reports (src/reports/documents): `:id` is a 2019 draft of that agency, made before the run.
  // Everyone with a role over the agency reads; publishers write and submit, approvers approve. The
  // POSTs are refused (400) once authorised — a bad placeholder, an unknown finding, the wrong status —
  // except the submission, which the admin makes (303) and the publisher then finds done (400).
  { route: 'GET /workbench/reports', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  ...(
    [
      ['gulou', [302, 303, 403, 403, 403, 303, 403, 403]],
      ['edu', [302, 303, 403, 403, 403, 303, 403, 303]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 400, 400, 400, 400, 400, 400, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/reports',
    target,
    expect,
    body: (c: Context): Fields => ({ agencyId: String(c.agencyIds[target]), year: String(reportYear()) }),
  })),
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 200, 200, 404]],
      ['edu', [302, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [302, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => {
    const by = (role: 'publisher' | 'approver', ok: number) =>
      expect.map((status, i) =>
        status !== 200 ? status : i === 1 || i === 7 || VISITORS[i] === role ? ok : 403,
      ) as unknown as Row['expect'];
    return [
      { route: 'GET /workbench/reports/:id', target, expect },
      {
        route: 'GET /workbench/reports/:id/records',
        target,
        expect: expect.map((s) => (s === 200 ? 400 : s)) as unknown as Row['expect'],
      },
      {
        route: 'POST /workbench/reports/:id/narrative',
        target,
        expect: by('publisher', 400),
        body: (): Fields => ({ section5: '{{nonsense}}' }),
      },
      {
        route: 'POST /workbench/reports/:id/acknowledge',
        target,
        expect: by('publisher', 400),
        body: (): Fields => ({ key: 'NOPE|x', explanation: '说明' }),
      },
      { route: 'POST /workbench/reports/:id/approve', target, expect: by('approver', 400) },
      {
        route: 'POST /workbench/reports/:id/return',
        target,
        expect: by('approver', 400),
        body: (): Fields => ({ reason: '' }),
      },
      { route: 'POST /workbench/reports/:id/publish', target, expect: by('publisher', 400) },
      {
        route: 'POST /workbench/reports/:id/submit',
        target,
        expect: expect.map((status, i) =>
          status !== 200 ? status : i === 1 ? 303 : VISITORS[i] === 'publisher' || i === 7 ? 400 : 403,
        ) as unknown as Row['expect'],
      },
    ];
  }),

  // Earlier years' reports and the roll-up (src/reports/history, src/reports/rollup). The import is
  // its agency's publishers' and admins' (the upload and the confirmation without a file or a
  // payload are refused, 400, once authorised); the comparison and the roll-up anyone's with a role
  // over the agency (`?agency=:id`), a chooser without it.
  { route: 'GET /workbench/reports/import', expect: [302, 200, 403, 403, 403, 200, 403, 200] },
  { route: 'POST /workbench/reports/import', expect: [302, 400, 403, 403, 403, 400, 403, 400] },
  ...(
    [
      ['gulou', [302, 400, 403, 403, 403, 400, 403, 403]],
      ['edu', [302, 400, 403, 403, 403, 400, 403, 400]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 404, 403, 403, 403, 404, 403, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /workbench/reports/import/confirm',
    target,
    expect,
    body: (c: Context): Fields => ({ agencyId: String(c.agencyIds[target]), payload: '' }),
  })),
  { route: 'GET /workbench/reports/compare', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /workbench/reports/rollup', expect: [302, 200, 200, 200, 200, 200, 200, 200] },
  ...(
    [
      ['gulou', [302, 200, 200, 200, 200, 200, 200, 403]],
      ['edu', [302, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [302, 403, 403, 403, 403, 403, 403, 403]],
      ['missing', [302, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).flatMap(([target, expect]) => [
    { route: 'GET /workbench/reports/compare', target, expect, query: '?agency=:id&year=2019' },
    { route: 'GET /workbench/reports/rollup', target, expect, query: '?agency=:id&year=2019' },
  ]),

  //                                                                anon admin reg  hand appr pub  view eduAdmin
  { route: 'GET /api/v1/agencies', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/agencies/:id', target: 'gulou', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/agencies/:id', target: 'other', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/agencies/:id', target: 'missing', expect: [404, 404, 404, 404, 404, 404, 404, 404] },
  { route: 'GET /api/v1/me', expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  // Applications: anyone may submit one online (no account); the rest is the workbench's rule.
  ...(
    [
      ['gulou', [201, 201, 201, 201, 201, 201, 201, 201]],
      ['missing', [404, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /api/v1/applications',
    target,
    expect,
    json: (c: Context) => {
      const { channel, arrivedOn, receivedOn, ...fields } = applicationForm(c.today);
      return { ...fields, agencyId: c.agencyIds[target] };
    },
  })),
  { route: 'GET /api/v1/applications', expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  ...(
    [
      ['gulou', [401, 200, 200, 200, 200, 200, 200, 404]],
      ['edu', [401, 200, 200, 200, 200, 200, 200, 200]],
      ['other', [401, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [401, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({ route: 'GET /api/v1/applications/:id', target, expect })),
  ...(
    [
      ['gulou', [401, 201, 201, 201, 403, 403, 403, 404]],
      ['edu', [401, 201, 201, 201, 403, 403, 403, 201]],
      ['other', [401, 404, 404, 404, 404, 404, 404, 404]],
      ['missing', [401, 404, 404, 404, 404, 404, 404, 404]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /api/v1/applications/:id/events',
    target,
    expect,
    json: (c: Context) => ({ type: 'consultationStarted', date: c.today }),
  })),
  // The workbench rows above extended these applications already: an approver (or admin) now
  // meets the one-extension rule (400); the others are refused before it (403).
  ...(
    [
      ['gulou', [401, 400, 403, 403, 400, 403, 403, 404]],
      ['edu', [401, 400, 403, 403, 400, 403, 403, 400]],
    ] as const
  ).map(([target, expect]) => ({
    route: 'POST /api/v1/applications/:id/events',
    target,
    expect,
    json: (c: Context) => ({ type: 'extended', date: c.today, workingDays: 5 }),
  })),
  { route: 'GET /api/v1/openapi.json', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/docs', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/docs/json', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/docs/yaml', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/docs/static/index.html', expect: [302, 302, 302, 302, 302, 302, 302, 302] },
  {
    route: 'GET /api/v1/docs/static/swagger-initializer.js',
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  { route: 'GET /api/v1/docs/static/*', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
];

/**
 * Rows of GET and POST /workbench/applications/:id/:action for one action: `allowed` visitors
 * get `get` and `post`, the others 403; an application outside the visitor's subtrees is a 404.
 */
function actionRows(
  action: string,
  allowed: readonly (typeof VISITORS)[number][],
  get: number,
  post: number,
  body: Fields,
): Row[] {
  const statuses = (target: Target, ok: number) =>
    VISITORS.map((v) => {
      if (v === 'anonymous') return 302;
      if (target === 'other' || target === 'missing') return 404;
      if (v === 'eduAdmin') return target === 'edu' ? ok : 404;
      return allowed.includes(v) ? ok : 403;
    }) as unknown as Row['expect'];
  return (['gulou', 'edu', 'other', 'missing'] as const).flatMap((target) => [
    { route: 'GET /workbench/applications/:id/:action', action, target, expect: statuses(target, get) },
    {
      route: 'POST /workbench/applications/:id/:action',
      action,
      target,
      expect: statuses(target, post),
      body: () => body,
    },
  ]);
}

/**
 * Rows of one route about a proactive disclosure item, for each target: `allowed` visitors get
 * `ok` (the first of them in the row `first`, when its step changes what the others meet), the
 * others in the subtree 403; an item outside the visitor's subtrees is a 404.
 */
function disclosureRows(
  route: string,
  allowed: readonly (typeof VISITORS)[number][],
  ok: number,
  body?: () => Fields,
  first?: number,
): Row[] {
  return (['gulou', 'edu', 'other', 'missing'] as const).map((target) => {
    let firstDone = first === undefined;
    const expect = VISITORS.map((v) => {
      if (v === 'anonymous') return 302;
      if (target === 'other' || target === 'missing') return 404;
      if (v === 'eduAdmin' && target !== 'edu') return 404;
      const permitted = v === 'eduAdmin' || allowed.includes(v);
      if (!permitted) return 403;
      if (!firstDone) {
        firstDone = true;
        return first;
      }
      return ok;
    }) as unknown as Row['expect'];
    return { route, target, expect, ...(body ? { body } : {}) };
  });
}

const MISSING_ID = 999_999;

/** The registered workbench and API routes as 'METHOD /path', HEAD mirrors left out. */
const routeCollector = () => {
  const registered: string[] = [];
  const onRoute = (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      // HEAD routes are Fastify's automatic mirrors of the GET routes.
      if (method !== 'HEAD' && /^\/(workbench|api)(\/|$)/.test(route.url))
        registered.push(`${method} ${route.url}`);
    }
  };
  return { registered, onRoute };
};

const uncovered = (registered: readonly string[]): string[] => {
  const covered = new Set(MATRIX.map((row) => row.route));
  return registered.filter((route) => !covered.has(route));
};

skipIfNoPostgres();

describe.each(testDatabases())('authorisation matrix ($name)', (target) => {
  let t: TestApp;
  let ctx: Context;
  let anonymous: Browser;
  const userIds = {} as Record<Target, number>;
  const applicationIds = {} as Record<Target, number>;
  const letterIds = {} as Record<Target, number>;
  const importIds = {} as Record<Target, number>;
  const discardIds = {} as Record<Target, number>;
  const itemIds = {} as Record<Target, number>;
  const appealIds = {} as Record<Target, number>;
  const workRecordIds = {} as Record<Target, number>;
  const reportIds = {} as Record<Target, number>;
  const { registered, onRoute } = routeCollector();

  beforeAll(async () => {
    t = await openTestApp(target, {}, undefined, onRoute);
    const h = await makeHierarchy(t.database.db);
    let n = 0;
    ctx = {
      h,
      agencyIds: { gulou: h.gulou.id, edu: h.edu.id, other: h.other.id, missing: MISSING_ID },
      unique: () => `${Date.now().toString(36)}${n++}`,
      today: beijingDate(new Date().toISOString()),
    };
    const application = async (agencyId: number): Promise<number> =>
      (
        await submitApplication(t.database.db, {
          agencyId,
          input: applicationForm(ctx.today),
          actor: TEST_ACTOR,
          now: new Date(),
        })
      ).id;
    applicationIds.gulou = await application(h.gulou.id);
    applicationIds.edu = await application(h.edu.id);
    applicationIds.other = await application(h.other.id);
    applicationIds.missing = MISSING_ID;
    const receipt = async (applicationId: number): Promise<number> =>
      (
        await issueLetter(t.database.db, {
          applicationId,
          input: { kind: 'receipt' },
          actor: TEST_ACTOR,
          now: new Date(),
          pdf: new LetterPdf('/nonexistent/chromium'),
        })
      ).letterId;
    letterIds.gulou = await receipt(applicationIds.gulou);
    letterIds.edu = await receipt(applicationIds.edu);
    letterIds.other = await receipt(applicationIds.other);
    letterIds.missing = MISSING_ID;
    let ref = 0;
    const pendingImport = (agencyId: number): Promise<number> =>
      stageImport(t.database.db, {
        agencyId,
        userId: null,
        files: [
          {
            fileName: 'import.csv',
            bytes: new TextEncoder().encode(
              `导入编号,申请渠道,到达日期,收到日期,申请人类型,姓名或名称,证件类型,证件号码,联系电话,所需信息,获取方式\nM${ref++},平常信函,${ctx.today},${ctx.today},自然人,张三,护照,E1234567,13812345678,某项信息,纸质\n`,
            ),
          },
        ],
        now: new Date(),
      });
    for (const [key, agency] of [
      ['gulou', h.gulou],
      ['edu', h.edu],
      ['other', h.other],
    ] as const) {
      importIds[key] = await pendingImport(agency.id);
      discardIds[key] = await pendingImport(agency.id);
    }
    importIds.missing = MISSING_ID;
    for (const [key, agency] of [
      ['gulou', h.gulou],
      ['edu', h.edu],
      ['other', h.other],
    ] as const) {
      itemIds[key] = (
        await createItem(t.database.db, {
          agencyId: agency.id,
          input: { title: '矩阵测试信息', bodyHtml: '<p>矩阵测试正文</p>' },
          actor: TEST_ACTOR,
          now: new Date(),
        })
      ).id;
    }
    itemIds.missing = MISSING_ID;
    for (const [key, agency] of [
      ['gulou', h.gulou],
      ['edu', h.edu],
      ['other', h.other],
    ] as const) {
      appealIds[key] = await createAppealCase(t.database.db, {
        agencyId: agency.id,
        input: { kind: 'reconsideration', body: '开封市人民政府', filedOn: ctx.today },
        actor: TEST_ACTOR,
        now: new Date(),
      });
    }
    appealIds.missing = MISSING_ID;
    for (const [key, agency] of [
      ['gulou', h.gulou],
      ['edu', h.edu],
      ['other', h.other],
    ] as const) {
      workRecordIds[key] = (
        await recordWorkRecord(t.database.db, {
          agencyId: agency.id,
          input: { kind: 'inspection', date: ctx.today, title: '矩阵测试检查' },
          actor: TEST_ACTOR,
          now: new Date(),
        })
      ).id;
    }
    workRecordIds.missing = MISSING_ID;
    for (const [key, agency] of [
      ['gulou', h.gulou],
      ['edu', h.edu],
      ['other', h.other],
    ] as const) {
      const at = new Date().toISOString();
      reportIds[key] = (
        await t.database.db
          .insertInto('annual_reports')
          .values({
            agency_id: agency.id,
            year: 2019,
            edition: '2019',
            source: 'compiled',
            status: 'draft',
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    reportIds.missing = MISSING_ID;
    discardIds.missing = MISSING_ID;
    // Users to act on, none of them a visitor (an admin may not change their own account here).
    const member = (agencyId: number): Promise<MadeUser> =>
      makeUser(t.database.db, { agencyId, roles: ['viewer'] });
    userIds.gulou = (await member(h.gulou.id)).user.id;
    userIds.edu = (await member(h.edu.id)).user.id;
    userIds.other = (await member(h.other.id)).user.id;
    userIds.missing = MISSING_ID;
    anonymous = await anonymousBrowser(t.app);
  });
  afterAll(() => t.close());

  it('has a row for every workbench and API route, and no row for a route that does not exist', () => {
    const known = new Set(registered);
    expect(registered.length).toBeGreaterThan(20);
    expect(uncovered(registered), 'routes without a row in the matrix').toEqual([]);
    expect(
      MATRIX.map((row) => row.route).filter((route) => !known.has(route)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('notices a new route that has no row', async () => {
    const extra = routeCollector();
    const other = await openTestApp(
      target,
      {},
      (app) => {
        app.get('/workbench/new-page', async () => 'hello');
        app.delete('/api/v1/agencies/:id', async () => 'gone');
      },
      extra.onRoute,
    );
    await other.close();
    expect(uncovered(extra.registered)).toEqual(['GET /workbench/new-page', 'DELETE /api/v1/agencies/:id']);
  });

  const browserOf = async (visitor: (typeof VISITORS)[number]): Promise<Browser> => {
    if (visitor === 'anonymous') return anonymous;
    const user = visitor === 'eduAdmin' ? ctx.h.eduAdmin : ctx.h.staff[visitor as Role];
    // A session of its own for each request, so that logging out does not spoil the next one.
    return sessionFor(t.database, user.user.id);
  };

  const urlOf = (row: Row): string => {
    const [, path = ''] = row.route.split(' ');
    const ids = path.startsWith('/workbench/applications/import/')
      ? path.endsWith('/discard')
        ? discardIds
        : importIds
      : path.startsWith('/workbench/disclosure/:id')
        ? itemIds
        : path.startsWith('/workbench/users/')
          ? userIds
          : path.startsWith('/workbench/applications/') || path.startsWith('/api/v1/applications/')
            ? applicationIds
            : path.startsWith('/workbench/appeals/:id')
              ? appealIds
              : path.startsWith('/workbench/work-records/:id')
                ? workRecordIds
                : path.startsWith('/workbench/reports/:id')
                  ? reportIds
                  : ctx.agencyIds;
    return `${path}${row.query ?? ''}`
      .replace(':id', String(ids[row.target ?? 'missing']))
      .replace(':action', row.action ?? '')
      .replace(':letterId', String(letterIds[row.target ?? 'missing']))
      .replace(':format', 'html')
      .replace(':agencyId', String(ctx.agencyIds[row.target ?? 'missing']))
      .replace(':kind', 'receipt')
      .replace(':year', '2019')
      .replace('*', 'swagger-ui.css');
  };

  it.each(MATRIX.map((row) => [`${row.route}${row.target ? ` (${row.target})` : ''}`, row] as const))(
    '%s',
    async (_name, row) => {
      const [method = 'GET'] = row.route.split(' ');
      const url = urlOf(row);
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const [i, visitor] of VISITORS.entries()) {
        const browser = await browserOf(visitor);
        const fields = row.body?.(ctx) ?? {};
        const payload = new URLSearchParams([['_csrf', browser.csrfToken]]);
        for (const [key, value] of Object.entries(fields)) {
          for (const v of typeof value === 'string' ? [value] : value) payload.append(key, v);
        }
        const json = row.json?.(ctx);
        const res =
          method === 'GET'
            ? await t.app.inject({ method: 'GET', url, cookies: browser.cookies })
            : json !== undefined
              ? await t.app.inject({
                  method: 'POST',
                  url,
                  cookies: browser.cookies,
                  headers: { 'x-csrf-token': browser.csrfToken },
                  payload: json,
                })
              : await t.app.inject({
                  method: 'POST',
                  url,
                  cookies: browser.cookies,
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                  payload: payload.toString(),
                });
        seen[visitor] = res.statusCode;
        wanted[visitor] = row.expect[i] ?? 0;
      }
      expect(seen).toEqual(wanted);
    },
  );
});

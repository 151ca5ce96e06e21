import { z } from 'zod';
import { ERROR_CODES } from '../../../errors/app-error.ts';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../../../orgs/agency-kind.ts';

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })),
  }),
});

const nullableText = z.string().nullable();

export const agencySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: nullableText,
  kind: z.enum(AGENCY_KINDS),
  level: z.enum(AGENCY_LEVELS),
  contact: z.object({
    officeName: nullableText,
    address: nullableText,
    postcode: nullableText,
    phone: nullableText,
    fax: nullableText,
    email: nullableText,
    officeHours: nullableText,
    website: nullableText,
  }),
  links: z.object({ self: z.string(), portal: z.string() }),
});

import type { SubmitApplicationInput } from './application.schema.ts';

/**
 * The columns of an application row from a checked intake (the portal, staff registration,
 * an import row): one mapping, so that every way in stores an application alike.
 */
export const applicationColumns = (input: SubmitApplicationInput) => ({
  channel: input.channel,
  arrived_on: input.arrivedOn,
  received_on: input.receivedOn,
  applicant_type: input.applicantType,
  applicant_name: input.applicantName,
  id_type: input.idType,
  id_number: input.idNumber.toUpperCase(),
  phone: input.phone,
  address: input.address || null,
  email: input.email || null,
  description: input.description,
  form_wanted: input.formWanted,
});

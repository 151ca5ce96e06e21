import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  FORM_WANTED_LABELS,
  FORMS_WANTED,
  ID_TYPE_LABELS,
  ID_TYPES,
} from '../../../applications/application-kinds.ts';
import { type FieldErrors, type Option, SelectField, TextField } from './form.tsx';

/** The fields of an application (Art. 29), as the public and the staff forms both ask them. */
export const APPLICANT_FIELD_LABELS: Readonly<Record<string, string>> = {
  applicantType: '申请人类型',
  applicantName: '申请人姓名或名称',
  idType: '身份证明类型',
  idNumber: '身份证明号码',
  phone: '联系电话',
  address: '通信地址',
  email: '电子邮箱',
  description: '所需政府信息的名称、文号或特征性描述',
  formWanted: '获取信息的方式',
};

export const optionsOf = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

/**
 * Who applies, how to reach them, what they ask for and in what form. `personal` adds the
 * browser's autocomplete hints: on for the applicant's own form, off for a clerk typing a letter.
 */
export const ApplicantFields = ({
  values,
  errors,
  personal,
}: {
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  personal: boolean;
}) => {
  const field = (name: string) => ({
    name,
    label: APPLICANT_FIELD_LABELS[name] ?? name,
    error: errors[name],
  });
  const auto = (hint: string) => (personal ? hint : 'off');
  return (
    <>
      <SelectField
        {...field('applicantType')}
        required
        options={optionsOf(APPLICANT_TYPES, APPLICANT_TYPE_LABELS)}
        value={values.applicantType}
      />
      <TextField
        {...field('applicantName')}
        required
        value={values.applicantName}
        autocomplete={auto('name')}
        maxLength={100}
      />
      <SelectField
        {...field('idType')}
        required
        options={optionsOf(ID_TYPES, ID_TYPE_LABELS)}
        value={values.idType}
      />
      <TextField {...field('idNumber')} required value={values.idNumber} maxLength={40} />
      <TextField
        {...field('phone')}
        required
        type="tel"
        value={values.phone}
        autocomplete={auto('tel')}
        maxLength={20}
      />
      <TextField
        {...field('address')}
        value={values.address}
        autocomplete={auto('street-address')}
        maxLength={200}
      />
      <TextField {...field('email')} type="email" value={values.email} autocomplete={auto('email')} />
      <TextField
        {...field('description')}
        required
        multiline
        value={values.description}
        maxLength={4000}
        hint="请写明信息的名称、文号，或者便于本机关查询的其他特征，例如：“2023年度最低生活保障资金发放情况”。"
      />
      <SelectField
        {...field('formWanted')}
        required
        options={optionsOf(FORMS_WANTED, FORM_WANTED_LABELS)}
        value={values.formWanted}
      />
    </>
  );
};

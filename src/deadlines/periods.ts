/**
 * The periods of the reply clock, in working days, with the article that sets each.
 */
/** Art. 33: reply within 20 working days of receipt (or of the corrected application, Art. 30). */
export const REPLY_WORKING_DAYS = 20;
/** Art. 33: one extension, of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Art. 30: the correction must be asked within 7 working days of receipt. */
export const CORRECTION_ASK_WORKING_DAYS = 7;
/**
 * Art. 30 leaves the correction period to the office ("合理期限", stated in the 补正告知书,
 * the `until` of correctionAsked). When an event does not carry it, the engine assumes this
 * many working days to say what it is waiting for, and warns. An assumption, not the law.
 */
export const ASSUMED_CORRECTION_WORKING_DAYS = 15;
/** Art. 32, 34: the third party or other agency answers within 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** 国办函〔2020〕109号: the fee is paid within 20 working days of receiving the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

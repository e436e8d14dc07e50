/** What a certificate prints (a snapshot stored with it, so a later check shows the same). */
export interface CertificateLine {
  date: string;
  title: string;
  organization: string;
  hours: number;
}

/** One row of the summary printed past 40 records: an organization in a year. */
export interface CertificateSummaryRow {
  year: string;
  organization: string;
  records: number;
  hours: number;
  from: string;
  to: string;
}

export interface CertificateContent {
  number: string;
  name: string;
  idType: string;
  idMasked: string;
  volunteerNo: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  records: number;
  /** Each verified record (up to 40); empty when the summary is printed instead. */
  activities: CertificateLine[];
  /** By organization and year, when there are more than 40 records (null or absent otherwise). */
  summary?: CertificateSummaryRow[] | null;
  /** Certificates issued before the summary existed: records left unlisted. */
  moreActivities?: number;
  organizations: string[];
  /** The issuing office, from the issuer's account (lib/certificates/rules.ts#issuingOffice). */
  issuer: string;
  handler: string;
  contact: string | null;
  issuedOn: string;
}

/** What a certificate prints (a snapshot stored with it, so a later check shows the same). */
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
  activities: { date: string; title: string; organization: string; hours: number }[];
  moreActivities: number;
  organizations: string[];
  issuer: string;
  handler: string;
  contact: string | null;
  issuedOn: string;
}

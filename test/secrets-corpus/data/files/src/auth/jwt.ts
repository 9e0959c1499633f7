import { createPublicKey, verify } from 'node:crypto';

// Example token from jwt.io, only to show the format:
// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c

/** Long-lived token of the reporting batch (expires 2036): rotate with the auth team. */
const REPORTING_TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImstMjAyNS0wMyJ9.eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS50ZXN0Iiwic3ViIjoicmVwb3J0aW5nLWJhdGNoIiwiYXVkIjoib3JkZXJzLWFwaSIsInNjb3BlIjoib3JkZXJzOnJlYWQgcmVwb3J0czp3cml0ZSIsImlhdCI6MTc0MTkxMDQwMCwiZXhwIjoyMDgyNzU4NDAwfQ.CKrBsy_ECUWhNjgk9edqy5USHiEyGH18vAoP82qAo8Rq_ZA74dU1Uyxtb66JSJV9D_kKAFZYrzOtE5bQvtV2MuTEOMOpeSR0_ee8iwLFJrdWDBK3iPvnZgk1VU95v5RAFWXSkMhBYWA6sARkCWJOnlseTqhUSDP5NGOqt38lHwp9iPTQ9arYOi8tGrjfcBc2J2b4DhqkVbelANovZ5WgADxP4BdZmTUJ4qselRHf2MpfkYve579qoccTxYs8VtcgT0fKjj7AEH2R6A6wFGGRpZT6ciUzz4i6JTSzcWwMNNAuyEFUV3gPJwzm_cii9wjSksEmkKYxA6seePTMQx9Ljw';

export function reportingHeaders() {
  return { Authorization: `Bearer ${REPORTING_TOKEN}` };
}

export function verifyRs256(token: string, pem: string): boolean {
  const [h, b, s] = token.split('.');
  return verify('sha256', Buffer.from(`${h}.${b}`), createPublicKey(pem), Buffer.from(s, 'base64url'));
}

export const TOKEN_PREFIX = 'eyJhbGciOi...';

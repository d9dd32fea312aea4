import { maskIdNumber } from '../domain';

export { maskIdNumber };

/** `*******5678`: a phone number to its last four digits. */
export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '*'.repeat(phone.length) : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/**
 * An address cut after its community or village (社区/村/居委会/街道/镇), the rest starred:
 * `柳州市柳南区南站和平社区***`. An address with none of these keeps only its first six characters.
 */
export function maskAddress(address: string): string {
  const m = /^(.*?(社区|居委会|村|街道|镇))/.exec(address);
  const kept = m ? m[1] : address.slice(0, 6);
  return kept.length < address.length ? `${kept}***` : kept;
}

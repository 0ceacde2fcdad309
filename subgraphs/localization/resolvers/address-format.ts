import { formatAddressLabel } from '../domain/index.ts';
import type { AddressFormatResolvers } from '../generated/resolver-types.ts';

export const AddressFormat: AddressFormatResolvers = {
  label: (format, { address }) => formatAddressLabel(format.rules, address, format.latin, format.countryName),
};

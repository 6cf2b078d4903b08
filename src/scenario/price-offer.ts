/**
 * `hardware.price_offer`: a scenario names which listed offer for its chip it
 * pays (data/price-offers.ts: `aws-on-demand`, `aws-capacity-block`,
 * `lambda-on-demand` …), and the offer's price becomes its
 * `price_usd_per_hour`. A provider alone (`lambda`) names its one offer for
 * the chip; a name that fits several, or none, is a problem listing them.
 */
import { PRICE_OFFERS, type PriceOffer } from '../data/price-offers.js';
import { didYouMean } from './suggest.js';

export type OfferChoice =
  { readonly ok: true; readonly offer: PriceOffer } | { readonly ok: false; readonly message: string };

const listed = (offers: readonly PriceOffer[]): string =>
  offers.map((o) => `${o.id} ($${o.usdPerAcceleratorHour}/h: ${o.provider} ${o.offer})`).join('; ');

export function priceOfferFor(presetId: string, named: string): OfferChoice {
  const offers = PRICE_OFFERS.filter((o) => o.accelerator === presetId);
  if (offers.length === 0)
    return {
      ok: false,
      message: `no price offers are listed for ${presetId}: set hardware.price_usd_per_hour instead`,
    };
  const exact = offers.find((o) => o.id === named);
  const matches = exact ? [exact] : offers.filter((o) => o.id.startsWith(`${named}-`));
  if (matches.length === 1 && matches[0] !== undefined) return { ok: true, offer: matches[0] };
  const ids = offers.map((o) => o.id);
  return {
    ok: false,
    message:
      matches.length > 1
        ? `"${named}" fits ${matches.length} offers for ${presetId}: name one of ${listed(matches)}`
        : `unknown price offer "${named}" for ${presetId}${didYouMean(named, ids)}; its offers: ${listed(offers)}`,
  };
}

/**
 * What the same deployment would cost at the other listed prices for its chip
 * (data/price-offers.ts): cost per query is proportional to the price per
 * accelerator-hour, so the range is the scenario's cost × offer / its price.
 */
import { HARDWARE_PRESETS } from '../data/hardware.js';
import { PRICE_OFFERS } from '../data/price-offers.js';

export interface PriceOffers {
  /** Listed offers for the chip (at least two), their kinds, and the lowest and highest price. */
  readonly offers: number;
  readonly kinds: readonly string[];
  readonly lowUsdPerHour: number;
  readonly highUsdPerHour: number;
}

/** The offers for a hardware preset named `name` (a scenario's resolved hardware keeps its preset's name). */
export function priceOffersOf(name: string | undefined): PriceOffers | null {
  const key = name ?? '';
  let offers = cache.get(key);
  if (offers === undefined) cache.set(key, (offers = offersOf(name)));
  return offers;
}

/** Per hardware name: simulate asks on every evaluation. */
const cache = new Map<string, PriceOffers | null>();

function offersOf(name: string | undefined): PriceOffers | null {
  const preset = HARDWARE_PRESETS.find((p) => p.name === name);
  if (preset === undefined) return null;
  const offers = PRICE_OFFERS.filter((o) => o.accelerator === preset.id);
  if (offers.length < 2) return null;
  const prices = offers.map((o) => o.usdPerAcceleratorHour);
  return {
    offers: offers.length,
    kinds: [...new Set(offers.map((o) => o.kind))],
    lowUsdPerHour: Math.min(...prices),
    highUsdPerHour: Math.max(...prices),
  };
}

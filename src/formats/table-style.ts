/** The look every terminal table shares: no rules between rows; cyan heads and grey borders in colour. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** cli-table3's `chars` and `style` for a table, coloured or not. */
export function tableLook(color: boolean) {
  return { chars: COMPACT, style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] } };
}

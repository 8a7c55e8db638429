/**
 * Attribution: which campaigns get the credit for a lead or a sale. A conversion's
 * path is the contact's campaign touches, oldest first: the touchpoints the CRM sent,
 * then the contact's earlier conversions (a lead from campaign A before the sale),
 * then the conversion's own utm_campaign.
 *
 * - last: the last touch that maps to a known campaign gets all the credit;
 * - linear: every touch on a known campaign gets an equal share; a campaign touched twice
 *   earns two shares, consecutive or not.
 */
export type AttributionModel = 'last' | 'linear';

export interface ConversionTouch {
  id: number;
  stage: 'lead' | 'sale';
  occurredAt: number;
  contactKey: string | null;
  revenue: number;
  currency: string;
  utmCampaign: string | null;
  touches: string[];
}

/** The campaign path of every conversion, by conversion id. */
export function conversionPaths(conversions: ConversionTouch[]): Map<number, string[]> {
  const byContact = new Map<string, ConversionTouch[]>();
  for (const c of conversions) {
    if (!c.contactKey) continue;
    const list = byContact.get(c.contactKey) ?? [];
    list.push(c);
    byContact.set(c.contactKey, list);
  }
  for (const list of byContact.values()) list.sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id);
  const paths = new Map<number, string[]>();
  for (const c of conversions) {
    const earlier = c.contactKey
      ? byContact.get(c.contactKey)!.filter((o) => o.id !== c.id && (o.occurredAt < c.occurredAt || (o.occurredAt === c.occurredAt && o.id < c.id)))
      : [];
    const path = [...c.touches];
    for (const o of earlier) {
      for (const t of o.touches) if (!path.includes(t)) path.push(t);
      if (o.utmCampaign) path.push(o.utmCampaign);
    }
    if (c.utmCampaign) path.push(c.utmCampaign);
    // Every touch counts, repeats included: linear credit is per touch (as GA4 defines it), so
    // social → social → direct credits social with 2/3, not 1/2.
    paths.set(c.id, path);
  }
  return paths;
}

/** Credit per campaign (summing to 1) for one path, or an empty map when no touch is known. */
export function attribute(path: string[], known: (campaign: string) => boolean, model: AttributionModel): Map<string, number> {
  const touches = path.filter(known);
  const credit = new Map<string, number>();
  if (touches.length === 0) return credit;
  if (model === 'last') credit.set(touches.at(-1)!, 1);
  else for (const t of touches) credit.set(t, (credit.get(t) ?? 0) + 1 / touches.length);
  return credit;
}

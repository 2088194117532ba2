import type { ContactPoint } from '../api/apiTypes';

/** The primary email/phone, or the first one when none is marked primary. */
export function primaryValue(points: ContactPoint[]): string | undefined {
  return (points.find((point) => point.isPrimary) ?? points[0])?.value;
}

/** All values in one cell or line, for exports and tooltips. */
export function joinValues(points: ContactPoint[], separator = '; '): string {
  return points.map((point) => point.value).join(separator);
}

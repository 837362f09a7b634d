// units.js — number answers in the unit a parent has at hand: grams or
// kilograms or pounds, °C or °F, mL or fl oz, days or weeks, cm or
// inches. The case always gets the question's own unit; the range check
// is done in that unit and explained in the chosen one.

const ALTERNATIVES = {
  "g": [
    { unit: "g", toBase: (x) => x, fromBase: (x) => x, decimals: 0 },
    { unit: "kg", toBase: (x) => x * 1000, fromBase: (x) => x / 1000, decimals: 3 },
    { unit: "lb", toBase: (x) => x * 453.59237, fromBase: (x) => x / 453.59237, decimals: 2 }
  ],
  "°C": [
    { unit: "°C", toBase: (x) => x, fromBase: (x) => x, decimals: 1 },
    { unit: "°F", toBase: (x) => (x - 32) * 5 / 9, fromBase: (x) => x * 9 / 5 + 32, decimals: 1 }
  ],
  "mL": [
    { unit: "mL", toBase: (x) => x, fromBase: (x) => x, decimals: 0 },
    { unit: "fl oz", toBase: (x) => x * 29.5735, fromBase: (x) => x / 29.5735, decimals: 1 }
  ],
  "days": [
    { unit: "days", toBase: (x) => x, fromBase: (x) => x, decimals: 1 },
    { unit: "weeks", toBase: (x) => x * 7, fromBase: (x) => x / 7, decimals: 1 }
  ],
  "cm": [
    { unit: "cm", toBase: (x) => x, fromBase: (x) => x, decimals: 1 },
    { unit: "in", toBase: (x) => x * 2.54, fromBase: (x) => x / 2.54, decimals: 1 }
  ]
};

// The units a number in `unit` may be typed in (the first is `unit`).
export function unitChoices(unit) {
  return ALTERNATIVES[unit] || [{ unit: unit || "", toBase: (x) => x, fromBase: (x) => x, decimals: 2 }];
}

// Full-width digits and marks (Chinese input methods) as ASCII; a decimal
// comma as a point.
function normalise(text) {
  return String(text)
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uff0e\u3002]/g, ".")
    .replace(/[\uff0d\u2212]/g, "-")
    .replace(/,/g, ".")
    .trim();
}

function round(x, decimals) {
  const f = Math.pow(10, decimals);
  return Math.round(x * f) / f;
}

// Reads a typed number. Returns {value} in the question's unit, or
// {error, vars} with a key of i18n.js.
export function readNumber(text, choice, q) {
  const s = normalise(text);
  if (s === "") return { error: "enter_number" };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { error: "not_a_number", vars: { v: String(text).trim() } };
  let value = choice.toBase(parseFloat(s));
  // Conversions give long fractions: keep what the unit can mean.
  value = round(value, unitChoices(q.unit)[0].decimals + (choice.toBase(1) === 1 ? 2 : 0));
  const min = q.min, max = q.max;
  const outside = (typeof min === "number" && value < min) || (typeof max === "number" && value > max);
  if (outside) {
    return {
      error: "out_of_range",
      vars: {
        min: round(choice.fromBase(min), choice.decimals),
        max: round(choice.fromBase(max), choice.decimals),
        unit: choice.unit
      }
    };
  }
  if (q.integer && !Number.isInteger(value)) return { error: "whole_number" };
  return { value };
}

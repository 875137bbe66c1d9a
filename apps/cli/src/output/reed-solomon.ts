// Reed–Solomon error correction over GF(2^8) with the polynomial QR codes use (x^8 + x^4 +
// x^3 + x^2 + 1, ISO/IEC 18004 §7.5.2).

const exp = new Uint8Array(512); // doubled, so a sum of two logarithms needs no modulo
const log = new Uint8Array(256);
for (let power = 0, value = 1; power < 255; power += 1) {
  exp[power] = value;
  exp[power + 255] = value;
  log[value] = power;
  value <<= 1;
  if (value & 0x100) value ^= 0x11d;
}

// For each degree (a version uses one), the generator's coefficients times every byte:
// products[f·degree + j] = f × coefficient j, so a division step is a lookup and an XOR.
const products = new Map<number, Uint8Array>();

/**
 * Writes the `degree` error correction codewords of data[start … start + length − 1] (the
 * remainder of its division by the generator) to out[at], out[at + stride], …
 */
export function writeReedSolomon(
  data: Uint8Array,
  start: number,
  length: number,
  degree: number,
  out: Uint8Array,
  at: number,
  stride: number,
): void {
  const table = productTable(degree);
  const remainder = new Uint8Array(degree);
  const last = degree - 1;
  for (let index = start; index < start + length; index += 1) {
    const row = ((data[index] as number) ^ (remainder[0] as number)) * degree;
    for (let term = 0; term < last; term += 1) {
      remainder[term] = (remainder[term + 1] as number) ^ (table[row + term] as number);
    }
    remainder[last] = table[row + last] as number;
  }
  for (let index = 0; index < degree; index += 1)
    out[at + index * stride] = remainder[index] as number;
}

function productTable(degree: number): Uint8Array {
  let table = products.get(degree);
  if (table === undefined) {
    const generator = generatorPolynomial(degree);
    table = new Uint8Array(256 * degree);
    for (let factor = 1; factor < 256; factor += 1) {
      for (let term = 0; term < degree; term += 1) {
        table[factor * degree + term] = multiply(factor, generator[term] as number);
      }
    }
    products.set(degree, table);
  }
  return table;
}

/** The product of (x − α^i) for i = 0 … degree − 1, its leading 1 left out. */
function generatorPolynomial(degree: number): Uint8Array {
  const coefficients = new Uint8Array(degree);
  coefficients[degree - 1] = 1;
  for (let root = 1, step = 0; step < degree; step += 1) {
    // Multiply by (x − root): shift up, add root times the coefficients.
    for (let index = 0; index < degree; index += 1) {
      const times = multiply(coefficients[index] as number, root);
      coefficients[index] = times ^ (index + 1 < degree ? (coefficients[index + 1] as number) : 0);
    }
    root = multiply(root, 2);
  }
  return coefficients;
}

function multiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : (exp[(log[a] as number) + (log[b] as number)] as number);
}

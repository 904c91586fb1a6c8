/** The schema part of a retrieval table key (`shop.orders` → `shop`; `orders` → ''). */
export const schemaOfKey = (key: string): string => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '')

/** The table part of a retrieval table key (`shop.orders` → `orders`). */
export const nameOfKey = (key: string): string => key.slice(key.lastIndexOf('.') + 1)

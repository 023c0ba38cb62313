import { useCallback, useEffect, useMemo, useState } from "react";

export interface CartItem {
  productId: string;
  name: string;
  priceCents: number;
  qty: number;
}

const STORAGE_KEY = "northwind.cart";

function readStoredCart(): CartItem[] {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as CartItem[];
  } catch {
    // A corrupt or foreign value in storage: start with an empty cart rather than crash.
    return [];
  }
}

export function useCart() {
  const [items, setItems] = useState<CartItem[]>([]);

  useEffect(() => {
    setItems(readStoredCart());
  }, []);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  }, [items]);

  const add = useCallback((item: Omit<CartItem, "qty">) => {
    setItems((prev) => {
      const existing = prev.find((i) => i.productId === item.productId);
      if (existing) return prev.map((i) => (i === existing ? { ...i, qty: i.qty + 1 } : i));
      return [...prev, { ...item, qty: 1 }];
    });
  }, []);

  const remove = useCallback((productId: string) => {
    setItems((prev) => prev.filter((i) => i.productId !== productId));
  }, []);

  const clear = useCallback(() => setItems([]), []);

  return { items, add, remove, clear };
}

export function useCartTotal(items: CartItem[]) {
  return useMemo(() => items.reduce((sum, i) => sum + i.priceCents * i.qty, 0), [items]);
}

export function useCartCount(items: CartItem[]) {
  return useMemo(() => items.reduce((sum, i) => sum + i.qty, 0), [items]);
}

export function useRecentlyViewed(productId: string | undefined) {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    if (!productId) return;
    setIds((prev) => [productId, ...prev.filter((id) => id !== productId)].slice(0, 10));
  }, [productId]);
  return ids;
}

export function useStockLevel(productId: string) {
  const [stock, setStock] = useState<number | null>(null);
  useEffect(() => {
    fetch(`/api/stock/${productId}`)
      .then((res) => res.json())
      .then((body: { stock: number }) => setStock(body.stock));
  }, [productId]);
  return stock;
}

package calibrate

import "testing"

func TestKeyIndexNumbersKeysEvenWhenHashesCollide(t *testing.T) {
	for name, k := range map[string]keyIndex{
		"maphash":        newKeyIndex(),
		"all colliding":  newKeyIndexHashing(func(string) uint64 { return 7 }),
		"two hash heads": newKeyIndexHashing(func(s string) uint64 { return uint64(len(s) % 2) }),
	} {
		t.Run(name, func(t *testing.T) {
			keys := []string{"E1", "E2", "E10", "", "e1", "E1 ", "E2"}
			want := []int32{0, 1, 2, 3, 4, 5, 1}
			for i, key := range keys {
				p, err := k.of(key, int32(i)) // the next person: right only for new keys
				if err != nil {
					t.Fatal(err)
				}
				if p != want[i] {
					t.Errorf("of(%q) = %d, want %d", key, p, want[i])
				}
				if got := k.key(p); got != key {
					t.Errorf("key(%d) = %q, want %q", p, got, key)
				}
			}
			for i, key := range keys {
				for _, guess := range []int32{-1, 0, want[i], want[i] + 1, 1 << 20} {
					if p, err := k.of(key, guess); err != nil || p != want[i] {
						t.Errorf("of(%q, %d) = %d, %v; want %d", key, guess, p, err, want[i])
					}
				}
			}
		})
	}
}

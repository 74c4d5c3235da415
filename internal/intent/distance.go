package intent

// tolerance is how many typing errors a word of n letters may carry and
// still be recognised: none for short words ("ja", "nei", "hva"), where one
// edit makes another word, one from four letters and two from eight.
func tolerance(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// distance is the optimal-string-alignment Damerau–Levenshtein distance
// between a and b (insert, delete, substitute, swap two neighbours), or
// max+1 as soon as it is known to exceed max. It works on bytes: the
// folded words it compares are almost always ASCII.
func distance(a, b string, max int) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	if la == 0 || lb == 0 {
		return la + lb
	}
	if lb > 32 {
		return max + 1 // words this long are not in any vocabulary
	}
	// Three rolling rows; the words are short, so they live on the stack.
	var rows [3][33]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if w := cur[j-1] + 1; w < v {
				v = w
			}
			if w := prev[j-1] + cost; w < v {
				v = w
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if w := prev2[j-2] + 1; w < v {
					v = w
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[lb] > max {
		return max + 1
	}
	return prev[lb]
}

// deletes calls f with every string made by removing up to n bytes from s
// (s itself included); the symmetric-delete index uses it to find words
// within a few edits without comparing against the whole vocabulary.
func deletes(s string, n int, f func(string)) {
	f(s)
	if n == 0 || len(s) <= 1 {
		return
	}
	seen := map[string]bool{}
	var rec func(string, int)
	rec = func(w string, left int) {
		for i := 0; i < len(w); i++ {
			d := w[:i] + w[i+1:]
			if seen[d] {
				continue
			}
			seen[d] = true
			f(d)
			if left > 1 && len(d) > 1 {
				rec(d, left-1)
			}
		}
	}
	rec(s, n)
}

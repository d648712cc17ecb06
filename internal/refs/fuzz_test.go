package refs

import "testing"

// No record file makes the readers panic or hang.
func FuzzRead(f *testing.F) {
	f.Add(`@article{k, title={A {\"U}ber \textit{x}}, author={van der Poll, Tom and {G} and others}, month=aug, year=2020}`)
	f.Add(`@string{a="x"} @misc(k, title=a # "y" # {z})`)
	f.Add(`[{"id":"k","title":"<i>x</i>","author":[{"family":"F"}],"issued":{"date-parts":[["2020","5"]]}}]`)
	f.Add("TY  - JOUR\nAU  - A, B, C\nTI  - t\n  more\nDA  - 2020/05//\nER  - \n")
	f.Add(`@article{k, title={\`)
	f.Fuzz(func(t *testing.T, src string) {
		for _, format := range Formats {
			res, err := Read(format, []byte(src))
			if err != nil {
				continue
			}
			for _, e := range res.Entries {
				for _, a := range e.Record.Authors {
					_ = a
				}
			}
		}
	})
}

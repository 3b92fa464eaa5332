package strings

a := "plain"
b := "esc \"q\" \\ \n \t \u00e9 \ud83d\ude00"
c := `raw \n stays`
d := `multi
line`

package logic

p if input.a or input.b

module lab.example/tls-probe

go 1.26

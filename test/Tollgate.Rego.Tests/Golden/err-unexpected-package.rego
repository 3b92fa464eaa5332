package e
package f
